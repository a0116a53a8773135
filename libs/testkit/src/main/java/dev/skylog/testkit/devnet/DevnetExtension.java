package dev.skylog.testkit.devnet;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands tests a running {@link Devnet} (or its {@link DevnetInfo}): {@code @ExtendWith(DevnetExtension.class)}.
 * One devnet serves the whole test run; JUnit stops it when the run ends, and a JVM shutdown hook does if JUnit
 * cannot.
 */
public class DevnetExtension implements ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(DevnetExtension.class);

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		Class<?> type = parameter.getParameter().getType();
		return type == Devnet.class || type == DevnetInfo.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		Devnet devnet = devnet(context);
		return (parameter.getParameter().getType() == Devnet.class) ? devnet : devnet.info();
	}

	public static Devnet devnet(ExtensionContext context) {
		return context.getRoot().getStore(NAMESPACE).computeIfAbsent(Devnet.class, (key) -> {
			Devnet devnet = Devnet.start();
			Runtime.getRuntime().addShutdownHook(new Thread(devnet::close, "devnet-stop"));
			return devnet;
		}, Devnet.class);
	}

}
