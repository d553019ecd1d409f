package com.znyw.embedded;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that injects the JVM-wide shared servers of {@link SharedServices} into test
 * constructors, lifecycle methods and test methods by parameter type: {@link EmbeddedKafka},
 * {@link EmbeddedMongo}, {@link EmbeddedQuestDb} or {@link EmbeddedInfluxDb1}. Each server starts
 * on the first request for it and stops when the test JVM exits.
 *
 * <pre>{@code
 * @ExtendWith(EmbeddedServicesExtension.class)
 * class AlertStoreTest {
 *     @Test
 *     void savesAlert(EmbeddedMongo mongo) { ... mongo.connectionString() ... }
 * }
 * }</pre>
 */
public final class EmbeddedServicesExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == EmbeddedKafka.class || type == EmbeddedMongo.class || type == EmbeddedQuestDb.class
                || type == EmbeddedInfluxDb1.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        try {
            if (type == EmbeddedKafka.class) {
                return SharedServices.kafka();
            }
            if (type == EmbeddedMongo.class) {
                return SharedServices.mongo();
            }
            if (type == EmbeddedQuestDb.class) {
                return SharedServices.questDb();
            }
            if (type == EmbeddedInfluxDb1.class) {
                return SharedServices.influxDb1();
            }
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("Failed to start the embedded server for parameter "
                    + parameterContext.getParameter() + ": " + e.getMessage(), e);
        }
        throw new ParameterResolutionException("No embedded server of type " + type.getName());
    }
}
