package dev.skylog.auth.login.domain;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxFailures failed logins from one IP address for one identifier before further attempts wait
 * @param window how long a failure counts
 */
@ConfigurationProperties("skylog.auth.login-throttle")
public record LoginThrottleProperties(@DefaultValue("5") int maxFailures, @DefaultValue("15m") Duration window) {

}
