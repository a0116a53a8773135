package dev.skylog.atproto.identity;

import java.net.URI;
import java.util.Hashtable;
import java.util.Locale;
import java.util.Set;

import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.InitialDirContext;

import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

import dev.skylog.atproto.xrpc.XrpcClientErrors;
import dev.skylog.events.Handles;

/**
 * Resolves handles to DIDs and DIDs to their documents, as the AT Protocol identity spec describes: a handle
 * through its {@code _atproto} DNS TXT record, then {@code https://<handle>/.well-known/atproto-did}, then the
 * entryway's {@code com.atproto.identity.resolveHandle}; a DID through the PLC directory ({@code did:plc}) or
 * its own host ({@code did:web}).
 */
public class IdentityResolver {

	static final String RESOLVE_HANDLE = "com.atproto.identity.resolveHandle";

	// RFC 6761/6762 names that can never resolve on the public DNS or web: devnets use them (alice.test).
	private static final Set<String> RESERVED_TLDS = Set.of("test", "local", "localhost", "invalid", "example",
			"internal");

	private final WebClient webClient;

	private final IdentitySettings settings;

	public IdentityResolver(WebClient.Builder builder, IdentitySettings settings) {
		this.webClient = builder.build();
		this.settings = settings;
	}

	public static boolean isHandle(String value) {
		return Handles.isHandle(value);
	}

	/** The DID a handle points to. Errors with {@link IdentityNotFoundException} when no method finds one. */
	public Mono<String> resolveHandle(String handle) {
		String normalized = handle.toLowerCase(Locale.ROOT);
		boolean reserved = RESERVED_TLDS.contains(normalized.substring(normalized.lastIndexOf('.') + 1));
		Mono<String> dns = (this.settings.dnsTxt() && !reserved) ? dnsTxt(normalized) : Mono.empty();
		Mono<String> wellKnown = (this.settings.httpsWellKnown() && !reserved) ? wellKnown(normalized) : Mono.empty();
		return dns.switchIfEmpty(wellKnown)
			.switchIfEmpty(Mono.defer(() -> entryway(normalized)))
			.switchIfEmpty(Mono.error(() -> new IdentityNotFoundException("handle " + handle + " does not resolve")));
	}

	/** The DID document of a {@code did:plc} or {@code did:web}. */
	public Mono<DidDocument> resolveDid(String did) {
		URI location;
		if (did.startsWith("did:plc:")) {
			location = URI.create(this.settings.plcDirectory().toString().replaceAll("/+$", "") + "/" + did);
		}
		else if (did.startsWith("did:web:")) {
			String host = did.substring("did:web:".length()).replace("%3A", ":");
			location = URI.create("https://" + host + "/.well-known/did.json");
		}
		else {
			return Mono.error(new IdentityNotFoundException("unsupported DID method: " + did));
		}
		return this.webClient.get()
			.uri(location)
			.retrieve()
			.onStatus((status) -> status.value() == 404 || status.value() == 410,
					(response) -> Mono.error(new IdentityNotFoundException("no DID document for " + did)))
			.bodyToMono(JsonNode.class)
			.map(DidDocument::from)
			.timeout(this.settings.timeout());
	}

	private Mono<String> dnsTxt(String handle) {
		return Mono.fromCallable(() -> lookupTxt("_atproto." + handle))
			.subscribeOn(Schedulers.boundedElastic())
			.timeout(this.settings.timeout())
			.onErrorResume((ex) -> Mono.empty());
	}

	private String lookupTxt(String name) throws NamingException {
		Hashtable<String, String> env = new Hashtable<>();
		env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
		env.put("com.sun.jndi.dns.timeout.initial", Long.toString(this.settings.timeout().toMillis()));
		env.put("com.sun.jndi.dns.timeout.retries", "1");
		InitialDirContext context = new InitialDirContext(env);
		try {
			Attribute txt = context.getAttributes(name, new String[] { "TXT" }).get("TXT");
			if (txt == null) {
				return null;
			}
			NamingEnumeration<?> values = txt.getAll();
			while (values.hasMore()) {
				String value = values.next().toString().replace("\"", "");
				if (value.startsWith("did=did:")) {
					return value.substring("did=".length());
				}
			}
			return null;
		}
		finally {
			context.close();
		}
	}

	private Mono<String> wellKnown(String handle) {
		return this.webClient.get()
			.uri("https://" + handle + "/.well-known/atproto-did")
			.retrieve()
			.bodyToMono(String.class)
			.map(String::trim)
			.filter((body) -> body.startsWith("did:"))
			.timeout(this.settings.timeout())
			.onErrorResume((ex) -> Mono.empty());
	}

	private Mono<String> entryway(String handle) {
		return this.webClient.get()
			.uri(XrpcClientErrors.xrpc(this.settings.entryway(), RESOLVE_HANDLE) + "?handle={handle}", handle)
			.retrieve()
			.onStatus(HttpStatusCode::isError, (response) -> XrpcClientErrors.toException(RESOLVE_HANDLE, response))
			.bodyToMono(JsonNode.class)
			.map((body) -> body.path("did").asString(""))
			.filter((did) -> did.startsWith("did:"))
			.timeout(this.settings.timeout())
			.onErrorResume(dev.skylog.atproto.xrpc.XrpcException.class,
					(ex) -> (ex.status() == 400) ? Mono.empty() : Mono.error(ex));
	}

}
