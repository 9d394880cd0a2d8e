package dev.twinpath.datapath.lab;

import org.jetbrains.kotlinx.lincheck.LinChecker;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.paramgen.LongGen;
import org.jetbrains.kotlinx.lincheck.strategy.managed.modelchecking.ModelCheckingOptions;
import org.junit.jupiter.api.Test;

/**
 * The live-migration run state of a {@link VirtualMachine}: the control thread asks the guest to
 * pause behind an end marker of a given epoch ({@code requestPause}: the epoch, then the state, both
 * volatile, so the epoch is visible with the request) and to resume; the guest thread reads the state
 * and, when asked to pause, the epoch, as {@code GuestAgent} does, and reports paused and running.
 * Checked by Lincheck's model checker for linearizability against the VM run sequentially; the control
 * thread's operations share one non-parallel group, the guest's another.
 * <p>
 * The only cross-thread part is this publish/observe pair (the placement fields are written only while
 * the guest is paused, and the handlers are single volatile references), so the test is small: it
 * fails if the guest can see a pause request without its epoch (the order of the two stores), which
 * would put the wrong end marker behind the guest's TX (with the two stores swapped, it reports a
 * request seen with epoch 0). Epochs are 1 to 3; 0 is "never requested".
 * Model checking only: plain volatile fields, every interleaving of a scenario is explored.
 */
@Param(name = "epoch", gen = LongGen.class, conf = "1:3")
public class VirtualMachineLincheckTest
{
    private final VirtualMachine vm = new VirtualMachine("vm1", 0, 0x02_00_00_00_00_01L, null);

    @Operation(nonParallelGroup = "control")
    public void requestPause(@Param(name = "epoch") final long epoch)
    {
        vm.requestPause(epoch);
    }

    @Operation(nonParallelGroup = "control")
    public void requestResume()
    {
        vm.requestResume();
    }

    @Operation(nonParallelGroup = "guest")
    public long observe()
    {
        final int state = vm.runState();
        return state == VirtualMachine.PAUSE_REQUESTED ? 10 + vm.pauseMarkerEpoch() : state;
    }

    /**
     * One duty cycle of {@code GuestAgent} as far as the run state goes: read it, then report paused when
     * asked to pause, running when asked to resume. A resume requested between the read and the report
     * (a migration giving up while the guest pauses) must not be overwritten: with a plain store in
     * {@code paused()} the guest stayed paused for good, which no sequential order explains. The random
     * scenarios here need not contain that interleaving; {@code VirtualMachineRunStateTest} replays it.
     */
    @Operation(nonParallelGroup = "guest")
    public int guestStep()
    {
        final int state = vm.runState();
        if (state == VirtualMachine.PAUSE_REQUESTED)
        {
            vm.paused();
        }
        else if (state == VirtualMachine.RESUME_REQUESTED)
        {
            vm.resumed();
        }
        return state;
    }

    @Operation(nonParallelGroup = "guest")
    public void paused()
    {
        vm.paused();
    }

    @Operation(nonParallelGroup = "guest")
    public void resumed()
    {
        vm.resumed();
    }

    @Test
    void modelChecking()
    {
        LinChecker.check(VirtualMachineLincheckTest.class, new ModelCheckingOptions()
            .threads(2)
            .actorsPerThread(3)
            .actorsBefore(1)
            .actorsAfter(1)
            .iterations(10)
            .invocationsPerIteration(100));
    }
}
