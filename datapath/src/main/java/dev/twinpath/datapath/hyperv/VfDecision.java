package dev.twinpath.datapath.hyperv;

/**
 * One decision of the {@link VfArbiter} for one adapter, for the lab to execute.
 * <p>
 * Immutable, any thread.
 *
 * @param adapter the adapter's name.
 * @param outcome what to do.
 * @param reason  why the adapter stays on (or goes back to) the synthetic path; null for {@link Outcome#GRANT}.
 */
public record VfDecision(String adapter, VfDecision.Outcome outcome, IovSupportReason reason)
{
    /** What the lab does for the adapter. */
    public enum Outcome
    {
        /** Offer the adapter a VF: it holds one now. */
        GRANT,
        /** Keep the adapter on the synthetic path; it gets a VF when one is released. */
        WAIT,
        /** Keep the adapter on the synthetic path; it gets no VF until the reason goes away. */
        DENY,
        /** Take the adapter's VF back; it continues on the synthetic path for the reason. */
        REVOKE
    }

    /** @throws IllegalArgumentException when a GRANT has a reason or another outcome has none. */
    public VfDecision
    {
        if (adapter == null || outcome == null)
        {
            throw new IllegalArgumentException("adapter and outcome are required: " + adapter + ", " + outcome);
        }
        if ((outcome == Outcome.GRANT) != (reason == null))
        {
            throw new IllegalArgumentException("a GRANT has no reason, every other outcome has one: " + outcome + ", " + reason);
        }
    }

    /** @return true for {@link Outcome#GRANT}. */
    public boolean granted()
    {
        return outcome == Outcome.GRANT;
    }
}
