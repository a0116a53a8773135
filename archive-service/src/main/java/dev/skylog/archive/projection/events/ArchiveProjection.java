package dev.skylog.archive.projection.events;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.skylog.archive.account.persistence.AccountData;
import dev.skylog.archive.account.persistence.DeletionFence;
import dev.skylog.archive.like.persistence.LikeStore;
import dev.skylog.archive.post.persistence.PostStore;
import dev.skylog.archive.profile.persistence.ProfileStore;
import dev.skylog.events.EventOrder;
import dev.skylog.events.RecordEvent;
import dev.skylog.events.SkylogEvent;
import dev.skylog.events.account.AccountDeleted;
import dev.skylog.events.account.AccountLinked;
import dev.skylog.events.account.AccountSettingsChanged;
import dev.skylog.events.like.LikeDeleted;
import dev.skylog.events.like.LikeFetched;
import dev.skylog.events.post.PostDeleted;
import dev.skylog.events.post.PostFetched;
import dev.skylog.events.profile.ProfileFetched;

/**
 * Which event becomes which archive rows. The rules are the ones stats applies too: the deletion fence drops what
 * was fetched at or before an account's deletion, the newest event of a post or like wins ({@link EventOrder}),
 * removals leave tombstones, and the account's deletion removes only what is dated at or before it — so the same
 * events leave the same rows in whatever batches and interleaving of topics they arrive. The caller brings the
 * transaction; the fence locks the batch's accounts in it.
 */
@Component
class ArchiveProjection {

	private final PostStore posts;

	private final LikeStore likes;

	private final ProfileStore profiles;

	private final AccountData accounts;

	private final DeletionFence fence;

	ArchiveProjection(PostStore posts, LikeStore likes, ProfileStore profiles, AccountData accounts,
			DeletionFence fence) {
		this.posts = posts;
		this.likes = likes;
		this.profiles = profiles;
		this.accounts = accounts;
		this.fence = fence;
	}

	Mono<Void> apply(List<? extends SkylogEvent> events) {
		return this.fence.admit(List.<SkylogEvent>copyOf(events)).flatMap((admitted) -> {
			Collection<RecordEvent> records = EventOrder.newestPerRecord(
					admitted.stream().filter(RecordEvent.class::isInstance).map(RecordEvent.class::cast).toList());
			// The newest profile of each account in the batch; the store keeps the newest across batches.
			Map<String, ProfileFetched> newestProfiles = new LinkedHashMap<>();
			admitted.stream()
				.filter(ProfileFetched.class::isInstance)
				.map(ProfileFetched.class::cast)
				.forEach((profile) -> newestProfiles.merge(profile.did(), profile,
						(kept, next) -> next.occurredAt().isBefore(kept.occurredAt()) ? kept : next));
			return this.posts.upsert(only(records, PostFetched.class))
				.then(this.posts.delete(only(records, PostDeleted.class)))
				.then(this.likes.upsert(only(records, LikeFetched.class)))
				.then(this.likes.delete(only(records, LikeDeleted.class)))
				.then(Flux.fromIterable(newestProfiles.values()).concatMap(this.profiles::upsert).then())
				// In the order they happened: a settings change, the deletion and a new link of one account.
				.then(Flux.fromIterable(admitted).concatMap(this::account).then());
		});
	}

	private Mono<Void> account(SkylogEvent event) {
		return switch (event) {
			case AccountLinked linked -> this.accounts.saveSettings(linked.did(), linked.handle(), linked.occurredAt(),
					linked.settings());
			case AccountSettingsChanged changed -> this.accounts.saveSettings(changed.did(), null, changed.occurredAt(),
					changed.settings());
			case AccountDeleted deleted -> this.accounts.deleteEverything(deleted.did(), deleted.occurredAt())
				.then(this.fence.raise(deleted.did(), deleted.occurredAt()));
			default -> Mono.empty();
		};
	}

	private static <E> List<E> only(Collection<? extends SkylogEvent> events, Class<E> type) {
		return events.stream().filter(type::isInstance).map(type::cast).toList();
	}

}
