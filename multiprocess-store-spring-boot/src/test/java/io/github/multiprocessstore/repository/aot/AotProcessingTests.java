package io.github.multiprocessstore.repository.aot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.repository.ObjectRepository;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.AnnotationConfigUtils;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.core.test.tools.TestCompiler;
import org.springframework.data.domain.PageRequest;
import org.springframework.javapoet.ClassName;

/**
 * The repositories in an AOT-processed application: processing a context with {@code @StoredObject} types, a
 * declared repository and a zero-config one succeeds (no instance suppliers), ships reflection hints for the stored
 * types, and the context built from the generated code serves derived queries.
 */
@CompileWithForkedClassLoader
class AotProcessingTests {

    @TempDir
    Path store;

    @Test
    void theProcessedContextServesQueries() {
        GenericApplicationContext buildTime = context();
        AnnotationConfigUtils.registerAnnotationConfigProcessors(buildTime);
        buildTime.registerBean(AotApplication.class);
        TestGenerationContext generationContext = new TestGenerationContext();
        ClassName initializer = new ApplicationContextAotGenerator().processAheadOfTime(buildTime, generationContext);
        generationContext.writeGeneratedContent();

        assertThat(RuntimeHintsPredicates.reflection().onType(AotNote.class))
                .accepts(generationContext.getRuntimeHints());
        assertThat(RuntimeHintsPredicates.reflection().onType(AotMemo.class))
                .accepts(generationContext.getRuntimeHints());

        TestCompiler.forSystem().with(generationContext).compile(compiled -> {
            try (GenericApplicationContext runtime = context()) {
                @SuppressWarnings("unchecked")
                ApplicationContextInitializer<GenericApplicationContext> generated =
                        compiled.getInstance(ApplicationContextInitializer.class, initializer.reflectionName());
                generated.initialize(runtime);
                runtime.refresh();

                AotNoteRepository notes = runtime.getBean(AotNoteRepository.class);
                notes.save(new AotNote("a", null, "aot", 2));
                notes.save(new AotNote("b", null, "aot", 5));
                notes.save(new AotNote("c", null, "jit", 9));
                assertThat(notes.findByTopicOrderByStarsDesc("aot"))
                        .extracting(AotNote::id)
                        .containsExactly("b", "a");
                assertThat(notes.findByStarsGreaterThan(1, PageRequest.of(0, 2)).getTotalElements())
                        .isEqualTo(3);

                ObjectRepository<AotMemo> memos = runtime.<ObjectRepository<AotMemo>>getBeanProvider(
                                ResolvableType.forClassWithGenerics(ObjectRepository.class, AotMemo.class))
                        .getObject();
                assertThat(memos.save(new AotMemo("m", null, "hello")).rev()).isNotNull();
            }
        });
    }

    private GenericApplicationContext context() {
        GenericApplicationContext context = new GenericApplicationContext();
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource("test", Map.of("multiprocess.store.path", store.toString())));
        return context;
    }
}
