package io.github.multiprocessstore.repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.repository.query.FluentQuery;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fluent form of Query by Example ({@code findBy(example, q -> q.sortBy(...).page(...))}). {@code as(type)}
 * maps the stored JSON to another class (a DTO of some of its properties); {@code project(...)} keeps only the named
 * JSON properties (and the id) before mapping. Immutable: each step returns a new query.
 */
final class ExampleFluentQuery<T> implements FluentQuery.FetchableFluentQuery<T> {

    private final DefaultObjectRepository<?> repository;
    private final Predicate<JsonNode> criteria;
    private final Class<T> resultType;
    private final Sort sort;
    private final int limit;
    private final List<String> properties;

    ExampleFluentQuery(DefaultObjectRepository<?> repository, Predicate<JsonNode> criteria, Class<T> resultType) {
        this(repository, criteria, resultType, Sort.unsorted(), -1, List.of());
    }

    private ExampleFluentQuery(
            DefaultObjectRepository<?> repository,
            Predicate<JsonNode> criteria,
            Class<T> resultType,
            Sort sort,
            int limit,
            List<String> properties) {
        this.repository = repository;
        this.criteria = criteria;
        this.resultType = resultType;
        this.sort = sort;
        this.limit = limit;
        this.properties = properties;
    }

    @Override
    public FetchableFluentQuery<T> sortBy(Sort sort) {
        DefaultObjectRepository.requireArgument(sort, "sort");
        return new ExampleFluentQuery<>(repository, criteria, resultType, this.sort.and(sort), limit, properties);
    }

    @Override
    public FetchableFluentQuery<T> limit(int limit) {
        if (limit < 0) {
            throw new InvalidDataAccessApiUsageException("limit must not be negative, was " + limit);
        }
        return new ExampleFluentQuery<>(repository, criteria, resultType, sort, limit, properties);
    }

    @Override
    public <R> FetchableFluentQuery<R> as(Class<R> resultType) {
        DefaultObjectRepository.requireArgument(resultType, "resultType");
        return new ExampleFluentQuery<>(repository, criteria, resultType, sort, limit, properties);
    }

    @Override
    public FetchableFluentQuery<T> project(Collection<String> properties) {
        DefaultObjectRepository.requireArgument(properties, "properties");
        List<String> all = new ArrayList<>(this.properties);
        all.addAll(properties);
        return new ExampleFluentQuery<>(repository, criteria, resultType, sort, limit, List.copyOf(all));
    }

    @Override
    public @Nullable T oneValue() {
        DefaultObjectRepository.Selected selected = repository.select(criteria, repository.order(sort), 0, 2);
        if (selected.matches() > 1) {
            throw new IncorrectResultSizeDataAccessException(
                    "More than one object matches the example", 1, (int) selected.matches());
        }
        return map(selected.content()).stream().findFirst().orElse(null);
    }

    @Override
    public @Nullable T firstValue() {
        return map(repository.select(criteria, repository.order(sort), 0, 1).content()).stream()
                .findFirst()
                .orElse(null);
    }

    @Override
    public List<T> all() {
        return map(repository.select(criteria, repository.order(sort), 0, limit).content());
    }

    @Override
    public Page<T> page(Pageable pageable) {
        DefaultObjectRepository.requireArgument(pageable, "pageable");
        Sort order = sort.and(pageable.getSort());
        if (pageable.isUnpaged()) {
            List<T> content = map(repository
                    .select(criteria, repository.order(order), 0, limit)
                    .content());
            return new PageImpl<>(content, pageable, content.size());
        }
        DefaultObjectRepository.Selected selected =
                repository.select(criteria, repository.order(order), pageable.getOffset(), pageable.getPageSize());
        return new PageImpl<>(map(selected.content()), pageable, selected.matches());
    }

    @Override
    public Stream<T> stream() {
        return all().stream();
    }

    @Override
    public long count() {
        return repository.count(criteria);
    }

    @Override
    public boolean exists() {
        return repository.exists(criteria);
    }

    private List<T> map(List<ObjectNode> nodes) {
        if (properties.isEmpty()) {
            return repository.toObjects(nodes, resultType);
        }
        List<ObjectNode> projected = new ArrayList<>(nodes.size());
        for (ObjectNode node : nodes) {
            ObjectNode copy = node.objectNode();
            copy.set(DefaultObjectRepository.ID, node.get(DefaultObjectRepository.ID));
            for (String property : properties) {
                if (node.has(property)) {
                    copy.set(property, node.get(property));
                }
            }
            projected.add(copy);
        }
        return repository.toObjects(projected, resultType);
    }
}
