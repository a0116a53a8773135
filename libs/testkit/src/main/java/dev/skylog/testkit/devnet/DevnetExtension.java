package dev.skylog.testkit.devnet;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands tests a running {@link Devnet} (or its {@link DevnetInfo}): {@code @ExtendWith(DevnetExtension.class)}.
 * One devnet serves the whole test JVM ({@link Devnet#shared()}); a shutdown hook stops it, and the devnet also
 * stops by itself when the JVM's end closes its standard input.
 */
public class DevnetExtension implements ParameterResolver {

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
		return Devnet.shared();
	}

}
