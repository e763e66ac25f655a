package io.github.multiprocessstore.test.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** An application with web, actuator and a stored type, to show what the slice leaves out. */
@SpringBootApplication
public class TestStoreApplication {}
