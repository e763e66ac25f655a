package io.github.multiprocessstore.repository;

import io.github.multiprocessstore.repository.query.DerivedCriteria;
import io.github.multiprocessstore.repository.query.IndexPlan;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.data.core.PropertyPath;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.SliceImpl;
import org.springframework.data.domain.Sort;
import org.springframework.data.repository.query.ParametersParameterAccessor;
import org.springframework.data.repository.query.QueryMethod;
import org.springframework.data.repository.query.RepositoryQuery;
import org.springframework.data.repository.query.parser.PartTree;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A query method derived from its name ({@code findByEmail}, {@code countByAgeGreaterThan},
 * {@code findTop3ByCityOrderByNameDesc}, {@code deleteByEmail}...), run on the objects an index proposes when a
 * condition on an {@link Indexed} property allows it ({@link io.github.multiprocessstore.repository.query.IndexPlan})
 * and the index is current, else as one scan of the collection's live objects: the filter and the order are
 * evaluated on the stored JSON, a page or a limit keeps only the objects up to its end in memory, and only the
 * returned objects are mapped. Results are ordered by the method's
 * {@code OrderBy}, then by a {@code Sort}/{@code Pageable} argument, then by id.
 */
final class DerivedObjectQuery implements RepositoryQuery {

    private final QueryMethod method;
    private final PartTree tree;
    private final DefaultObjectRepository<?> repository;
    private final Sort orderBy;
    /** Which conditions can use an index, worked out once; null if none can. */
    private final IndexPlan.@Nullable Template indexTemplate;

    DerivedObjectQuery(QueryMethod method, DefaultObjectRepository<?> repository) {
        this.method = method;
        this.repository = repository;
        this.tree = new PartTree(method.getName(), repository.type());
        DerivedCriteria.validate(tree);
        // Resolve every property now, so that a wrong name fails at start-up rather than at the first call.
        tree.getParts().forEach(part -> repository.paths().of(part.getProperty()));
        this.orderBy = jsonSort(tree.getSort());
        this.indexTemplate = repository.indexTemplate(tree).orElse(null);
    }

    @Override
    public QueryMethod getQueryMethod() {
        return method;
    }

    @Override
    public @Nullable Object execute(Object[] parameters) {
        return repository.timed(method.getName(), () -> run(parameters));
    }

    private @Nullable Object run(Object[] parameters) {
        ParametersParameterAccessor accessor = new ParametersParameterAccessor(method.getParameters(), parameters);
        Predicate<JsonNode> filter =
                DerivedCriteria.of(tree, accessor.iterator(), repository.paths(), repository::toJson);
        Sort sort = orderBy.and(accessor.getSort());
        DefaultObjectRepository.IndexUse use = new DefaultObjectRepository.IndexUse(
                method.getName(),
                indexTemplate == null
                        ? null
                        : indexTemplate
                                .bind(accessor.iterator(), repository::toJson)
                                .orElse(null),
                tree.getParts().iterator().hasNext() ? null : sort);
        if (tree.isCountProjection()) {
            return repository.count(filter, use);
        }
        if (tree.isExistsProjection()) {
            return repository.exists(filter, use);
        }
        Comparator<JsonNode> order = repository.order(sort);
        if (tree.isDelete()) {
            return delete(filter, order, use);
        }
        Pageable pageable = accessor.getPageable();
        // Without a Limit parameter Spring Data reports the page size as the limit; a page is not a limit here.
        long limit = limit(method.getParameters().hasLimitParameter() ? accessor.getLimit() : Limit.unlimited());
        Object result;
        if (method.isPageQuery()) {
            long size = pageable.isPaged() ? pageable.getPageSize() : limit;
            long offset = pageable.isPaged() ? pageable.getOffset() : 0;
            DefaultObjectRepository.Selected selected = repository.select(filter, order, offset, size, use);
            long total = limit < 0 ? selected.matches() : Math.min(limit, selected.matches());
            result = new PageImpl<>(entities(selected.content()), pageable, total);
        } else if (method.isSliceQuery()) {
            long size = pageable.isPaged() ? pageable.getPageSize() : limit;
            long offset = pageable.isPaged() ? pageable.getOffset() : 0;
            List<ObjectNode> content = repository
                    .select(filter, order, offset, size < 0 ? -1 : size + 1, use)
                    .content();
            boolean hasNext = size >= 0 && content.size() > size;
            List<?> entities = entities(hasNext ? content.subList(0, (int) size) : content);
            result = new SliceImpl<>(entities, pageable, hasNext);
        } else if (method.isStreamQuery() && use.plan() == null && isPlainScan(accessor, pageable, limit)) {
            Class<?> type = repository.type();
            Stream<?> lazy = repository
                    .streamMatching(filter)
                    .map(node -> repository.toObjectInScan(node, type))
                    .filter(Objects::nonNull);
            result = lazy;
        } else if (method.isCollectionQuery() || method.isStreamQuery()) {
            long size = pageable.isPaged() ? pageable.getPageSize() : limit;
            if (pageable.isPaged() && limit >= 0) {
                size = Math.min(size, limit);
            }
            long offset = pageable.isPaged() ? pageable.getOffset() : 0;
            List<?> entities =
                    entities(repository.select(filter, order, offset, size, use).content());
            result = method.isStreamQuery() ? entities.stream() : entities;
        } else {
            result = single(filter, order, limit, use);
        }
        Object processed =
                method.getResultProcessor().withDynamicProjection(accessor).processResult(result);
        if (tree.isDistinct() && processed instanceof Collection<?> collection) {
            return collection.stream().distinct().toList();
        }
        if (tree.isDistinct() && processed instanceof Stream<?> stream) {
            return stream.distinct();
        }
        return processed;
    }

    private @Nullable Object single(
            Predicate<JsonNode> filter, Comparator<JsonNode> order, long limit, DefaultObjectRepository.IndexUse use) {
        DefaultObjectRepository.Selected selected = repository.select(filter, order, 0, 2, use);
        if (limit < 0 && selected.matches() > 1) {
            throw new IncorrectResultSizeDataAccessException(
                    "Query method " + method.getName() + " expects at most one result but " + selected.matches()
                            + " objects match; return a List, or use findFirst/findTop",
                    1,
                    (int) Math.min(Integer.MAX_VALUE, selected.matches()));
        }
        List<?> entities = entities(selected.content().stream().limit(1).toList());
        return entities.isEmpty() ? null : entities.get(0);
    }

    private @Nullable Object delete(
            Predicate<JsonNode> filter, Comparator<JsonNode> order, DefaultObjectRepository.IndexUse use) {
        List<ObjectNode> found = repository.select(filter, order, 0, -1, use).content();
        List<Object> deleted = new ArrayList<>();
        for (ObjectNode node : found) {
            Object entity = repository.toObjectInScan(node, repository.type());
            repository.deleteFound(node);
            if (entity != null) {
                repository.publishEvents(entity);
                deleted.add(entity);
            }
        }
        Class<?> returned = method.getReturnedObjectType();
        if (returned == void.class || returned == Void.class) {
            return null;
        }
        if (Number.class.isAssignableFrom(org.springframework.util.ClassUtils.resolvePrimitiveIfNecessary(returned))) {
            return (long) found.size();
        }
        if (method.isCollectionQuery()) {
            return deleted;
        }
        return deleted.isEmpty() ? null : deleted.get(0);
    }

    private boolean isPlainScan(ParametersParameterAccessor accessor, Pageable pageable, long limit) {
        return limit < 0
                && pageable.isUnpaged()
                && orderBy.isUnsorted()
                && accessor.getSort().isUnsorted();
    }

    /** The stricter of the method's {@code First}/{@code Top} and a {@code Limit} argument, or -1 for none. */
    private long limit(Limit argument) {
        long limit = tree.isLimiting() ? Objects.requireNonNull(tree.getMaxResults()) : -1;
        if (argument.isLimited()) {
            limit = limit < 0 ? argument.max() : Math.min(limit, argument.max());
        }
        return limit;
    }

    private List<?> entities(List<ObjectNode> nodes) {
        return repository.toObjects(nodes, repository.type());
    }

    /** The method name's {@code OrderBy} in JSON property names. */
    private Sort jsonSort(Sort javaSort) {
        List<Sort.Order> orders = new ArrayList<>();
        for (Sort.Order order : javaSort) {
            PropertyPath path = PropertyPath.from(order.getProperty(), repository.type());
            orders.add(order.withProperty(String.join(".", repository.paths().of(path))));
        }
        return Sort.by(orders);
    }
}
