package org.acupressurecds;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import org.acupressurecds.authoring.RuleCheck;
import org.acupressurecds.records.ConfiguredStore;

/**
 * The service, or with {@code check} the rule authors' check: dispatched here, before anything starts, so the check
 * needs no security configuration and opens no port ({@code java -jar quarkus-run.jar check rules [--impact P30D]}).
 */
@QuarkusMain
public final class Main {

    private Main() {
    }

    public static void main(String... args) {
        if (args.length > 0 && args[0].equals("check")) {
            System.exit(RuleCheck.run(args, System.out, () -> ConfiguredStore.impact(ConfiguredStore::setting)));
        }
        Quarkus.run(args);
    }
}
