package dev.skylog.fetcher.profile;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

import dev.skylog.events.Dids;
import dev.skylog.events.EventMetadata;
import dev.skylog.events.profile.ProfileFetched;
import dev.skylog.fetcher.bluesky.InvalidResponseException;
import dev.skylog.fetcher.post.PostViews;

/** Reads {@code app.bsky.actor.defs#profileViewDetailed} into a ProfileFetched. */
public final class ProfileViews {

	private ProfileViews() {
	}

	/**
	 * The profile of {@code account}. The answer names its DID itself, and a PDS can name any: a profile of
	 * another account is an invalid answer, never that account's profile.
	 */
	public static ProfileFetched toEvent(EventMetadata meta, String account, JsonNode profile) {
		String did = PostViews.text(profile, "did");
		String handle = PostViews.text(profile, "handle");
		if (!Dids.isDid(did) || handle == null) {
			throw new InvalidResponseException("a profile without DID or handle");
		}
		if (!did.equals(account)) {
			throw new InvalidResponseException("a profile of another account");
		}
		List<String> labels = new ArrayList<>();
		for (JsonNode label : profile.path("labels")) {
			if (label.path("val").isString()) {
				labels.add(label.path("val").asString());
			}
		}
		return ProfileFetched.of(meta, did, handle, PostViews.text(profile, "displayName"),
				PostViews.text(profile, "description"), PostViews.text(profile, "avatar"),
				PostViews.text(profile, "banner"), profile.path("followersCount").asLong(0),
				profile.path("followsCount").asLong(0), profile.path("postsCount").asLong(0), labels,
				PostViews.instant(PostViews.text(profile, "createdAt")));
	}

}
