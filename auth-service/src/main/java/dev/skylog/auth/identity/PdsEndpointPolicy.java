package dev.skylog.auth.identity;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.skylog.auth.web.AuthProblem;

/**
 * Decides whether auth-service may send a password or a token to the PDS a DID document names.
 *
 * <p>Anyone can publish a DID document, so its PDS endpoint is chosen by whoever logs in. Pointing it at
 * 127.0.0.1, a 10.x address or the cloud metadata service (169.254.169.254) would make auth-service call into its
 * own network on a stranger's behalf. Only public {@code https} endpoints pass, unless the operator allows private
 * ones ({@code skylog.auth.identity.allow-private-pds}: the devnet runs on loopback over plain http). Every
 * address the name resolves to must be public, so a name with one public and one private record is refused too.
 */
@Component
public class PdsEndpointPolicy {

	private final IdentityProperties properties;

	public PdsEndpointPolicy(IdentityProperties properties) {
		this.properties = properties;
	}

	/** The endpoint, or a 400 {@code pds_not_allowed} problem. */
	public Mono<URI> check(URI pds) {
		if (this.properties.allowPrivatePds()) {
			return Mono.just(pds);
		}
		if (!"https".equalsIgnoreCase(pds.getScheme()) || pds.getHost() == null) {
			return Mono.error(refused(pds, "is not an https URL"));
		}
		// getAllByName blocks on DNS; a literal address answers at once.
		return Mono.fromCallable(() -> addressesOf(pds.getHost()))
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap((addresses) -> Arrays.stream(addresses).anyMatch(PdsEndpointPolicy::isPrivate)
					? Mono.error(refused(pds, "points into a private, loopback or link-local network"))
					: Mono.just(pds));
	}

	private static InetAddress[] addressesOf(String host) {
		try {
			return InetAddress.getAllByName(host);
		}
		catch (UnknownHostException ex) {
			// Nothing to connect to either: the call itself fails as "Bluesky unreachable".
			return new InetAddress[0];
		}
	}

	static boolean isPrivate(InetAddress address) {
		if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
				|| address.isAnyLocalAddress() || address.isMulticastAddress()) {
			return true;
		}
		byte[] bytes = address.getAddress();
		if (address instanceof Inet6Address) {
			// fc00::/7, unique local addresses: IPv6's private ranges, which isSiteLocalAddress does not cover.
			return (bytes[0] & 0xfe) == 0xfc;
		}
		int first = bytes[0] & 0xff;
		int second = bytes[1] & 0xff;
		// 0.0.0.0/8 ("this network") and 100.64.0.0/10 (carrier-grade NAT, used inside some clouds).
		return first == 0 || (first == 100 && second >= 64 && second < 128);
	}

	private static AuthProblem refused(URI pds, String why) {
		return new AuthProblem(HttpStatus.BAD_REQUEST, "pds_not_allowed", "Bluesky server not allowed",
				"The account's DID document names a server (" + pds.getHost() + ") that " + why
						+ "; Skylog only talks to public Bluesky servers.");
	}

}
