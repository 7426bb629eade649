package org.lesionsim.console;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.lesionsim.apiauth.ApiRoles;

/**
 * Who is asking, and what they may see: a key with role {@code ingest} sees only the cases it
 * submitted (another case answers 404, as an unknown one, so ids cannot be probed), researchers
 * and operators see every case; clinical metadata (age, sex, body site) only for the submitter and
 * operators.
 */
@RequestScoped
public class Caller {
    @Inject
    SecurityIdentity identity;

    public String keyId() {
        return identity.getPrincipal().getName();
    }

    public boolean seesEveryCase() {
        return identity.hasRole(ApiRoles.RESEARCHER) || identity.hasRole(ApiRoles.OPERATOR);
    }

    public boolean maySee(ConsoleView.CaseState c) {
        return seesEveryCase() || keyId().equals(c.submitter());
    }

    public boolean maySeeClinical(ConsoleView.CaseState c) {
        return identity.hasRole(ApiRoles.OPERATOR) || keyId().equals(c.submitter());
    }
}
