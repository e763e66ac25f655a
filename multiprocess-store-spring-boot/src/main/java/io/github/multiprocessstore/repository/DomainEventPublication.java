package io.github.multiprocessstore.repository;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.AfterDomainEventPublication;
import org.springframework.data.domain.DomainEvents;
import org.springframework.data.util.AnnotationDetectionMethodCallback;
import org.springframework.util.ReflectionUtils;

/**
 * Publishes the events an aggregate collected ({@code @DomainEvents}, e.g. {@link
 * org.springframework.data.domain.AbstractAggregateRoot}) after it was saved or deleted, then calls its
 * {@code @AfterDomainEventPublication} method, as every Spring Data module does.
 */
final class DomainEventPublication {

    private final ApplicationEventPublisher publisher;
    private final Map<Class<?>, EventMethods> methods = new ConcurrentHashMap<>();

    DomainEventPublication(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    void publishFrom(@Nullable Object aggregate) {
        if (aggregate == null) {
            return;
        }
        EventMethods of = methods.computeIfAbsent(aggregate.getClass(), EventMethods::find);
        if (of.events == null) {
            return;
        }
        Object events = ReflectionUtils.invokeMethod(of.events, aggregate);
        for (Object event : asCollection(events)) {
            publisher.publishEvent(event);
        }
        if (of.cleanup != null) {
            ReflectionUtils.invokeMethod(of.cleanup, aggregate);
        }
    }

    private static Collection<?> asCollection(@Nullable Object events) {
        if (events == null) {
            return List.of();
        }
        if (events instanceof Collection<?> collection) {
            return collection;
        }
        if (events instanceof Optional<?> optional) {
            return optional.stream().toList();
        }
        return List.of(events);
    }

    private record EventMethods(
            @Nullable Method events, @Nullable Method cleanup) {

        static EventMethods find(Class<?> type) {
            return new EventMethods(method(type, DomainEvents.class), method(type, AfterDomainEventPublication.class));
        }

        private static @Nullable Method method(Class<?> type, Class<? extends java.lang.annotation.Annotation> marker) {
            AnnotationDetectionMethodCallback<?> callback = new AnnotationDetectionMethodCallback<>(marker);
            ReflectionUtils.doWithMethods(type, callback);
            Method method = callback.getMethod();
            if (method != null) {
                ReflectionUtils.makeAccessible(method);
            }
            return method;
        }
    }
}
