package dev.skylog.e2e;

import java.util.ArrayList;
import java.util.List;

/**
 * Requests no client should send, for every public endpoint: malformed and out-of-range values, injection
 * attempts, unusual Unicode, huge inputs. Each must be refused with a 4xx problem+json, never a 5xx.
 */
final class BadInput {

	/** One request: method, path (already percent-encoded where needed), body (or null), content type. */
	record Probe(String method, String path, String body, String contentType) {

		static Probe get(String path) {
			return new Probe("GET", path, null, null);
		}

		static Probe post(String path, String body, String contentType) {
			return new Probe("POST", path, body, contentType);
		}

		static Probe put(String path, String body, String contentType) {
			return new Probe("PUT", path, body, contentType);
		}

		static Probe delete(String path) {
			return new Probe("DELETE", path, null, null);
		}

		@Override
		public String toString() {
			String shown = this.path.length() > 120 ? this.path.substring(0, 120) + "…" : this.path;
			return this.method + " " + shown + ((this.body != null)
					? " [" + this.contentType + ", " + this.body.length() + " chars]" : "");
		}

	}

	static final String HUGE = "x".repeat(20_000);

	// Percent-encoded, as a browser would send them.
	static final List<String> ODD_HANDLES = List.of("a", "..", "%00", "%3Cscript%3E.test", "a'b.test",
			"a%22b.test", "x".repeat(300) + ".test", "did:plc:", "did:web:%2F%2Fevil", "e%CC%81.test",
			"%F0%9F%91%A8%E2%80%8D%F0%9F%91%A9.test", "%E2%80%AEabc.test", "alice.test%20OR%201=1");

	static final List<String> ODD_QUERIES = List.of("%27%20OR%201%3D1%20--", "%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
			"e%CC%81", "%F0%9F%91%A8%E2%80%8D%F0%9F%91%A9%E2%80%8D%F0%9F%91%A7", "%E2%80%AE%D7%A9%D7%9C%D7%95%D7%9D",
			"%25", "_", "%00");

	private BadInput() {
	}

	/** Probes that must each be a 4xx problem+json. */
	static List<Probe> refused(String handle, String otherDid) {
		List<Probe> probes = new ArrayList<>();
		String archive = "/api/archive/" + handle;
		String stats = "/api/stats/" + handle;
		for (String odd : ODD_HANDLES) {
			probes.add(Probe.get("/api/archive/" + odd));
			probes.add(Probe.get("/api/archive/" + odd + "/posts"));
			probes.add(Probe.get("/api/stats/" + odd + "/summary"));
			probes.add(Probe.get("/api/sync/" + odd));
		}
		for (String query : List.of("limit=-1", "limit=0", "limit=101", "limit=abc", "limit=99999999999",
				"cursor=garbage", "cursor=%00", "cursor=" + HUGE, "from=2025-13-01", "to=notadate",
				"from=2025-02-01&to=2025-01-01", "kinds=bogus", "kinds=-post,-reply,-quote,-repost",
				"has=bogus", "order=sideways", "q=" + HUGE, "lang=" + HUGE, "hashtag=" + HUGE, "mention=%00")) {
			probes.add(Probe.get(archive + "/posts?" + query));
		}
		for (String day : List.of("2025-02-30", "abc", "2025-1-1", "99999-01-01")) {
			probes.add(Probe.get(archive + "/days/" + day));
		}
		probes.add(Probe.get(archive + "/months/2025-13"));
		probes.add(Probe.get(archive + "/months/abc"));
		probes.add(Probe.get(archive + "/on-this-day?date=bad"));
		probes.add(Probe.get(archive + "/hashtags?limit=-5"));
		probes.add(Probe.get(archive + "/replies?limit=abc"));
		probes.add(Probe.get(archive + "/export?format=xml"));
		probes.add(Probe.get(archive + "/likes?cursor=garbage"));
		probes.add(Probe.get(archive + "/likes?limit=-1"));
		probes.add(Probe.delete(archive + "/posts/" + "x".repeat(600)));
		for (String query : List.of("from=bad", "to=bad", "from=2025-02-01&to=2025-01-01", "from=1900-01-01&to=2025-01-01")) {
			probes.add(Probe.get(stats + "/daily?" + query));
		}
		probes.add(Probe.get(stats + "/calendar?year=-1"));
		probes.add(Probe.get(stats + "/calendar?year=abc"));
		probes.add(Probe.get(stats + "/hashtags?limit=-1"));
		probes.add(Probe.get(stats + "/partners?limit=abc"));
		probes.add(Probe.post("/api/sync/" + otherDid, null, null));
		probes.add(Probe.post("/api/auth/login", "identifier=alice.test&password=x", "text/plain"));
		probes.add(Probe.post("/api/auth/login", "{\"identifier\":", "application/json"));
		probes.add(Probe.post("/api/auth/login", "{}", "application/json"));
		probes.add(Probe.post("/api/auth/login", "[]", "application/json"));
		probes.add(Probe.post("/api/auth/login", "{\"identifier\":\"" + HUGE + "\",\"password\":\"x\"}", "application/json"));
		probes.add(Probe.post("/api/auth/login", "{\"identifier\":\"" + "y".repeat(2_000_000) + "\"}", "application/json"));
		probes.add(Probe.put("/api/auth/me/settings", "{\"timeZone\":\"+09:00\",\"visibility\":\"PUBLIC\",\"allowCrawlers\":true}", "application/json"));
		probes.add(Probe.put("/api/auth/me/settings", "{\"timeZone\":\"Asia/Tokyo\",\"visibility\":\"WHATEVER\",\"allowCrawlers\":true}", "application/json"));
		probes.add(Probe.put("/api/auth/me/settings", "{\"timeZone\":\"" + HUGE + "\",\"visibility\":\"PUBLIC\"}", "application/json"));
		probes.add(Probe.put("/api/auth/me/settings", "not json", "application/json"));
		probes.add(Probe.put("/api/auth/me/settings", "<settings/>", "application/xml"));
		return probes;
	}

	/** Probes of odd but legal input: a 2xx with no harm done, or a 4xx problem; never a 5xx. */
	static List<Probe> answered(String handle) {
		List<Probe> probes = new ArrayList<>();
		for (String query : ODD_QUERIES) {
			probes.add(Probe.get("/api/archive/" + handle + "/posts?q=" + query));
			probes.add(Probe.get("/api/archive/" + handle + "/posts?hashtag=" + query));
			probes.add(Probe.get("/api/archive/" + handle + "/posts?mention=" + query));
		}
		probes.add(Probe.get("/api/archive/" + handle + "/posts?lang=%00"));
		// Year 0 is a date: a filter from then is legal, and finds everything.
		probes.add(Probe.get("/api/archive/" + handle + "/posts?from=0000-01-01"));
		return probes;
	}

}
