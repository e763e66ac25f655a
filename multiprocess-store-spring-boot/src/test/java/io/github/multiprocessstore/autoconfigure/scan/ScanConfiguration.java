package io.github.multiprocessstore.autoconfigure.scan;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Makes this package the application's package, as {@code @SpringBootApplication} would, plus two consumers. */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
@Import({FieldInjectedConsumer.class, ConstructorInjectedConsumer.class})
public class ScanConfiguration {}
