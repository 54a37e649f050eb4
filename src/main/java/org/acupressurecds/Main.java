package org.acupressurecds;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import org.acupressurecds.ruleset.CheckServer;
import org.acupressurecds.ruleset.EarlyCheck;
import org.acupressurecds.ruleset.PackagedCheck;
import org.acupressurecds.ruleset.RuleCheck;
import org.acupressurecds.config.StandaloneConfig;
import org.acupressurecds.engine.EngineLogging;
import org.acupressurecds.http.HealthProbe;
import org.acupressurecds.ruleset.ConfiguredStore;
import org.acupressurecds.ruleset.RecordedImpact;

/**
 * The service, or a command dispatched here before anything starts, so it needs no security configuration and opens
 * no port: {@code check rules [--impact P30D]}, the rule authors' check; {@code health}, the container's health check;
 * {@code checker}, the process the service checks drafts in (CheckProcess); {@code packaged-check rules}, the build's
 * check of the bundled rules (PackagedCheck).
 * The service begins its rules' startup check at once, while Quarkus boots (EarlyCheck).
 */
@QuarkusMain
public final class Main {

    Main() { // package-private: @QuarkusMain makes this a bean
    }

    public static void main(String... args) {
        if (args.length > 0 && args[0].equals("check")) {
            EngineLogging.asTheServiceDoes();
            System.exit(RuleCheck.run(args, System.out, () -> ConfiguredStore.impact(StandaloneConfig.read()::setting)));
        }
        if (args.length > 0 && args[0].equals(PackagedCheck.COMMAND)) {
            EngineLogging.asTheServiceDoes();
            System.exit(PackagedCheck.run(args, System.out));
        }
        if (args.length == 1 && args[0].equals(CheckServer.COMMAND)) {
            System.exit(CheckServer.run(RecordedImpact::replay));
        }
        if (args.length == 1 && args[0].equals("health")) {
            System.exit(HealthProbe.run(System.out, StandaloneConfig.read()::setting));
        }
        EarlyCheck.begin(StandaloneConfig.read().cds().rules().dir());
        Quarkus.run(args);
    }
}
