package dev.skylog.auth.token.domain;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param refreshAhead refresh an access token this long before it expires, so a caller never gets one that
 * dies in the middle of a sync page (Bluesky access tokens live 2 h)
 */
@ConfigurationProperties("skylog.auth.token-refresh")
public record TokenRefreshProperties(@DefaultValue("10m") Duration refreshAhead) {

}
