package dev.skylog.events.post;

import java.util.Objects;

/**
 * An image or video attached to a post, with the URLs the AppView serves it at. Width and height are the
 * aspect ratio the author declared (0 when absent).
 */
public record Media(Kind kind, String alt, String thumbUrl, String fullsizeUrl, int width, int height) {

	public Media {
		Objects.requireNonNull(kind, "kind");
		alt = (alt == null) ? "" : alt;
	}

	public enum Kind {

		IMAGE, VIDEO

	}

}
