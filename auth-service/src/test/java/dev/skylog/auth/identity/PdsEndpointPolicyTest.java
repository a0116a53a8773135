package dev.skylog.auth.identity;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.test.StepVerifier;

import dev.skylog.auth.web.AuthProblem;

import static org.assertj.core.api.Assertions.assertThat;

class PdsEndpointPolicyTest {

	private final PdsEndpointPolicy policy = new PdsEndpointPolicy(properties(false));

	@ParameterizedTest
	@ValueSource(strings = { "https://127.0.0.1", "https://127.8.9.10:2583", "https://localhost", "https://[::1]",
			"https://10.0.0.5", "https://172.16.3.4", "https://172.31.255.255", "https://192.168.1.1",
			"https://169.254.169.254", "https://[fe80::1]", "https://[fd12:3456::1]", "https://0.0.0.0",
			"https://100.64.0.1", "https://[::ffff:10.1.2.3]", "https://224.0.0.1", "http://93.184.216.34",
			"ftp://93.184.216.34", "https:relative" })
	void refusesEndpointsOutsideThePublicHttpsInternet(String endpoint) {
		StepVerifier.create(this.policy.check(URI.create(endpoint)))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(AuthProblem.class,
					(problem) -> assertThat(problem.code()).isEqualTo("pds_not_allowed")))
			.verify(Duration.ofSeconds(10));
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://93.184.216.34", "https://[2606:4700::1111]", "https://172.32.0.1",
			"https://100.128.0.1", "https://11.0.0.1" })
	void letsPublicHttpsEndpointsThrough(String endpoint) {
		StepVerifier.create(this.policy.check(URI.create(endpoint))).expectNext(URI.create(endpoint))
			.verifyComplete();
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://localhost:2583", "http://127.0.0.1:2583", "https://10.0.0.5" })
	void theOperatorCanAllowPrivateEndpointsForADevnet(String endpoint) {
		StepVerifier.create(new PdsEndpointPolicy(properties(true)).check(URI.create(endpoint)))
			.expectNext(URI.create(endpoint))
			.verifyComplete();
	}

	private static IdentityProperties properties(boolean allowPrivate) {
		return new IdentityProperties(URI.create("https://bsky.social"), URI.create("https://plc.directory"), false,
				false, Duration.ofSeconds(5), allowPrivate);
	}

}
