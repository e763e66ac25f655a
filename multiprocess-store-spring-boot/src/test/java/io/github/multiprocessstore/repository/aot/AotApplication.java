package io.github.multiprocessstore.repository.aot;

import io.github.multiprocessstore.autoconfigure.MultiprocessStoreAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** An application whose context is processed ahead of time by the test. */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
@ImportAutoConfiguration({JacksonAutoConfiguration.class, MultiprocessStoreAutoConfiguration.class})
public class AotApplication {}
