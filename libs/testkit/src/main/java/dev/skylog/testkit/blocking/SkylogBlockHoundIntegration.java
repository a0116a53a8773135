package dev.skylog.testkit.blocking;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * What BlockHound lets pass on event-loop threads in Skylog's service tests, and why; everything else that blocks
 * there fails the test. A service runs BlockHound in its tests by having {@code blockhound-junit-platform} on its
 * test class path (and {@code -XX:+AllowRedefinitionToAddDeleteMethods} on Java 13 and later); this integration
 * is found through {@code ServiceLoader}. The Kafka producer has no entry: sends never run on an event loop
 * ({@code EventPublisher} hands them to a thread of its own).
 */
public class SkylogBlockHoundIntegration implements BlockHoundIntegration {

	@Override
	public void applyTo(BlockHound.Builder builder) {
		// On Linux SecureRandom (NativePRNG) reads /dev/urandom through a FileInputStream: the kernel answers at
		// once, it never waits for entropy (generateSeed, which may, stays forbidden). UUIDs and AES-GCM nonces.
		builder.allowBlockingCallsInside("java.security.SecureRandom", "nextBytes");
		// A resource bundle is read from its jar once, the first time it is asked for (Hibernate Validator's
		// messages, on the first invalid request), then cached for the life of the JVM.
		builder.allowBlockingCallsInside("java.util.ResourceBundle", "getBundleImpl");
		// springdoc scans the class path on a /v3/api-docs request (the document is cached; the webhook scan is not):
		// the gateway reads it for its API page, and a blocked event loop there costs one rare request.
		builder.allowBlockingCallsInside("org.springdoc.api.AbstractOpenApiResource", "getOpenApi");
	}

}
