package io.github.multiprocessstore.repository.config;

import io.github.multiprocessstore.repository.mapping.StoredObjectMappingContext;
import java.lang.annotation.Annotation;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.RuntimeBeanReference;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.ManagedList;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.data.auditing.AuditingHandler;
import org.springframework.data.auditing.config.AuditingBeanDefinitionRegistrarSupport;
import org.springframework.data.auditing.config.AuditingConfiguration;
import org.springframework.data.mapping.context.PersistentEntities;

/**
 * Registers what {@link EnableMultiprocessStoreAuditing} needs: the {@link AuditingHandler} (named
 * {@value EnableMultiprocessStoreAuditing#AUDITING_HANDLER_BEAN_NAME}) over a {@link StoredObjectMappingContext}. The repositories look the handler up at
 * each save.
 */
final class MultiprocessStoreAuditingRegistrar extends AuditingBeanDefinitionRegistrarSupport {

    private static final String AUDITING_HANDLER = EnableMultiprocessStoreAuditing.AUDITING_HANDLER_BEAN_NAME;

    private static final String MAPPING_CONTEXT = "multiprocessStoreMappingContext";

    @Override
    protected Class<? extends Annotation> getAnnotation() {
        return EnableMultiprocessStoreAuditing.class;
    }

    @Override
    protected String getAuditingHandlerBeanName() {
        return AUDITING_HANDLER;
    }

    @Override
    protected BeanDefinitionBuilder getAuditHandlerBeanDefinitionBuilder(AuditingConfiguration configuration) {
        ManagedList<RuntimeBeanReference> contexts = new ManagedList<>();
        contexts.add(new RuntimeBeanReference(MAPPING_CONTEXT));
        BeanDefinitionBuilder entities = BeanDefinitionBuilder.rootBeanDefinition(PersistentEntities.class)
                .addConstructorArgValue(contexts);
        BeanDefinitionBuilder handler = BeanDefinitionBuilder.rootBeanDefinition(AuditingHandler.class)
                .addConstructorArgValue(entities.getBeanDefinition());
        return configureDefaultAuditHandlerAttributes(configuration, handler);
    }

    @Override
    protected void registerAuditListenerBeanDefinition(
            BeanDefinition auditingHandlerDefinition, BeanDefinitionRegistry registry) {
        if (!registry.containsBeanDefinition(MAPPING_CONTEXT)) {
            RootBeanDefinition context = new RootBeanDefinition(StoredObjectMappingContext.class);
            context.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
            registry.registerBeanDefinition(MAPPING_CONTEXT, context);
        }
    }
}
