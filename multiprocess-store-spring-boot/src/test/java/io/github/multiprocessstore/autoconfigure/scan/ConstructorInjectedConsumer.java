package io.github.multiprocessstore.autoconfigure.scan;

import io.github.multiprocessstore.repository.ObjectRepository;

/** Receives two repositories of different types by constructor injection. */
public class ConstructorInjectedConsumer {

    private final ObjectRepository<Customer> customers;
    private final ObjectRepository<Invoice> invoices;

    public ConstructorInjectedConsumer(ObjectRepository<Customer> customers, ObjectRepository<Invoice> invoices) {
        this.customers = customers;
        this.invoices = invoices;
    }

    public ObjectRepository<Customer> customers() {
        return customers;
    }

    public ObjectRepository<Invoice> invoices() {
        return invoices;
    }
}
