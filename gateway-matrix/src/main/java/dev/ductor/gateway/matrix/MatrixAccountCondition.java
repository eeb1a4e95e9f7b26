package dev.ductor.gateway.matrix;

import dev.ductor.config.ConfigLoader;
import dev.ductor.config.DuctorConfig;
import dev.ductor.config.DuctorHome;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether this context has a Matrix account to serve: a sub-agent's context always (its entry has one,
 * behaviour §5.8); the main agent's when its {@code config.json} (or {@code DUCTOR_MATRIX__HOMESERVER}) names a
 * homeserver. Without one the main context logs in nowhere and only serves the Matrix sub-agents of
 * {@code agents.json} (the main agent then is on Telegram only). Read once at start, as the login is.
 */
public final class MatrixAccountCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Environment environment = context.getEnvironment();
        if (!environment.getProperty("ductor.agent", "main").equals("main")) {
            return ConditionOutcome.match("a sub-agent's context has its entry's account");
        }
        DuctorHome home = DuctorHome.resolve(environment.getProperty("ductor.home"), System.getenv());
        DuctorConfig.Matrix matrix =
                new ConfigLoader(System.getenv()).read(home.configFile()).matrix();
        return matrix != null
                        && matrix.homeserver() != null
                        && !matrix.homeserver().isBlank()
                ? ConditionOutcome.match("the main agent's config.json names a Matrix homeserver")
                : ConditionOutcome.noMatch("the main agent has no Matrix account (config.json's matrix.homeserver)");
    }
}
