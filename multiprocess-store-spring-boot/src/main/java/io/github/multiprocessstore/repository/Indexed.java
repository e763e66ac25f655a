package io.github.multiprocessstore.repository;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a property of a {@link StoredObject} type whose value is indexed in memory, so that derived queries on it
 * ({@code findByEmail}, {@code In}, {@code LessThan}/{@code GreaterThan}/{@code Between}, {@code True}/{@code False},
 * {@code IsNull}) read only the objects the index names, and {@code findAll(Pageable)} or {@code findAll(Sort)}
 * sorted by it alone walk the index instead of reading every object.
 *
 * <p>Put it on a field, a getter, or a record component, of the stored type or of a type nested in it (then its path
 * is indexed: {@code @Indexed String city} in an {@code Address address} indexes {@code address.city}, for
 * {@code findByAddressCity} and {@code Sort.by("address.city")}; an object without an address has no key there). The
 * repository builds the index when it is created (reading every object once, in parallel) and keeps it current from
 * the store's change feed, so writes by other processes are taken in (see "Indexes" in the README for when). A query
 * uses an index only when it is provably current and checks every object it returns against its criteria; otherwise
 * it scans, as queries without an index do. Debug logging of {@code io.github.multiprocessstore.repository} says,
 * for each query, which it did.
 */
@Target({ElementType.FIELD, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Indexed {}
