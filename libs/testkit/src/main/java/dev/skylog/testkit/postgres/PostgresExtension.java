package dev.skylog.testkit.postgres;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands a test class its own empty {@link TestDatabase}, dropped after the class:
 * {@code @ExtendWith(PostgresExtension.class)}.
 */
public class PostgresExtension implements ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(PostgresExtension.class);

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == TestDatabase.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		ExtensionContext classContext = context.getParent()
			.filter((parent) -> parent.getTestClass().equals(context.getTestClass()) && parent.getTestMethod().isEmpty())
			.orElse(context);
		String prefix = "test_" + context.getRequiredTestClass().getSimpleName();
		return classContext.getStore(NAMESPACE)
			.computeIfAbsent(ClassDatabase.class, (key) -> new ClassDatabase(TestPostgres.createDatabase(prefix)),
					ClassDatabase.class)
			.database();
	}

	/** Closed by JUnit when the class's store goes away, which drops the database. */
	private record ClassDatabase(TestDatabase database) implements AutoCloseable {

		@Override
		public void close() {
			TestPostgres.drop(this.database);
		}

	}

}
