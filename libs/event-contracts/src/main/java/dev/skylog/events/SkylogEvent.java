package dev.skylog.events;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import dev.skylog.events.account.AccountDeleted;
import dev.skylog.events.account.AccountLinked;
import dev.skylog.events.account.AccountReauthRequired;
import dev.skylog.events.account.AccountSettingsChanged;
import dev.skylog.events.like.LikeDeleted;
import dev.skylog.events.like.LikeFetched;
import dev.skylog.events.post.PostDeleted;
import dev.skylog.events.post.PostFetched;
import dev.skylog.events.profile.ProfileFetched;
import dev.skylog.events.sync.SyncCompleted;
import dev.skylog.events.sync.SyncFailed;
import dev.skylog.events.sync.SyncProgress;
import dev.skylog.events.sync.SyncRequested;

/**
 * Every fact Skylog puts on Kafka. The {@code type} property names the concrete event, so one topic can
 * carry a family of events (posts and their deletions) in the order they happened to one account.
 *
 * <p>No event type can hold a credential: none of them has a component able to take an access or refresh
 * token, and {@code EventContractTest} fails the build if one is ever added. (Not {@code sealed}: Java allows
 * that across packages only inside a named module; the list below is the closed set, and the same test
 * checks it against {@link dev.skylog.events.Topics}.)
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
		@JsonSubTypes.Type(value = AccountLinked.class, name = "AccountLinked"),
		@JsonSubTypes.Type(value = AccountSettingsChanged.class, name = "AccountSettingsChanged"),
		@JsonSubTypes.Type(value = AccountReauthRequired.class, name = "AccountReauthRequired"),
		@JsonSubTypes.Type(value = AccountDeleted.class, name = "AccountDeleted"),
		@JsonSubTypes.Type(value = SyncRequested.class, name = "SyncRequested"),
		@JsonSubTypes.Type(value = SyncProgress.class, name = "SyncProgress"),
		@JsonSubTypes.Type(value = SyncCompleted.class, name = "SyncCompleted"),
		@JsonSubTypes.Type(value = SyncFailed.class, name = "SyncFailed"),
		@JsonSubTypes.Type(value = ProfileFetched.class, name = "ProfileFetched"),
		@JsonSubTypes.Type(value = PostFetched.class, name = "PostFetched"),
		@JsonSubTypes.Type(value = PostDeleted.class, name = "PostDeleted"),
		@JsonSubTypes.Type(value = LikeFetched.class, name = "LikeFetched"),
		@JsonSubTypes.Type(value = LikeDeleted.class, name = "LikeDeleted") })
public interface SkylogEvent {

	/** Unique per event; consumers use it to recognise a redelivery. */
	UUID eventId();

	/** Version of this event type's schema ({@code schemas/<Type>.v<n>.json}). */
	int schemaVersion();

	Instant occurredAt();

	/** The account the event is about; also the record key, so one account's events stay in order. */
	String did();

}
