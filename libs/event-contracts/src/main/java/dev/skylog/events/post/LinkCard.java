package dev.skylog.events.post;

import java.util.Objects;

/** An {@code app.bsky.embed.external} link card. */
public record LinkCard(String uri, String title, String description, String thumbUrl) {

	public LinkCard {
		Objects.requireNonNull(uri, "uri");
	}

}
