package io.github.multiprocessstore.repository.declared;

import io.github.multiprocessstore.repository.StoredObject;
import java.time.Instant;
import org.springframework.data.annotation.CreatedBy;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedBy;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;
import org.springframework.data.domain.AbstractAggregateRoot;

/** An ordinary class: an aggregate root publishing events, audited. */
@StoredObject
public class Ledger extends AbstractAggregateRoot<Ledger> {

    @Id
    private String id;

    @Version
    private String rev;

    private long balance;

    @CreatedDate
    private Instant created;

    @LastModifiedDate
    private Instant modified;

    @CreatedBy
    private String createdBy;

    @LastModifiedBy
    private String modifiedBy;

    public Ledger() {}

    public Ledger(String id, long balance) {
        this.id = id;
        this.balance = balance;
    }

    /** Changes the balance and records the event that the save will publish. */
    public Ledger credit(long amount) {
        balance += amount;
        registerEvent(new Credited(id, amount));
        return this;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getRev() {
        return rev;
    }

    public void setRev(String rev) {
        this.rev = rev;
    }

    public long getBalance() {
        return balance;
    }

    public void setBalance(long balance) {
        this.balance = balance;
    }

    public Instant getCreated() {
        return created;
    }

    public void setCreated(Instant created) {
        this.created = created;
    }

    public Instant getModified() {
        return modified;
    }

    public void setModified(Instant modified) {
        this.modified = modified;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public void setCreatedBy(String createdBy) {
        this.createdBy = createdBy;
    }

    public String getModifiedBy() {
        return modifiedBy;
    }

    public void setModifiedBy(String modifiedBy) {
        this.modifiedBy = modifiedBy;
    }

    /** The domain event of a credit. */
    public record Credited(String ledger, long amount) {}
}
