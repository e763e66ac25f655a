package io.github.multiprocessstore.autoconfigure.scan;

import io.github.multiprocessstore.repository.ObjectRepository;
import org.springframework.beans.factory.annotation.Autowired;

/** Receives two repositories of different types by field injection. */
public class FieldInjectedConsumer {

    @Autowired
    ObjectRepository<Customer> customers;

    @Autowired
    ObjectRepository<Invoice> invoices;

    public ObjectRepository<Customer> customers() {
        return customers;
    }

    public ObjectRepository<Invoice> invoices() {
        return invoices;
    }
}
