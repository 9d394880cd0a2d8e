package dev.twinpath.datapath.lab;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Found by the soak's test in CI: a migration that gives up while the guest is pausing asks for a resume;
 * the guest, acting on the pause request it read just before, reported "paused" with a plain store and
 * overwrote the resume request, so the VM stayed paused for good (its traffic stopped, its buffers held).
 * The guest's reports are compare-and-sets now. This replays that interleaving on one thread.
 */
class VirtualMachineRunStateTest
{
    private final VirtualMachine vm = new VirtualMachine("vm1", 0, 0x02_00_00_00_00_01L, null);

    @Test
    void aResumeRequestedWhileTheGuestPausesIsNotLost()
    {
        vm.requestPause(7);   // the guest reads PAUSE_REQUESTED in its duty cycle ...
        vm.requestResume();   // ... the migration gives up and asks for a resume ...
        vm.paused();          // ... and the guest reports the pause it was acting on
        assertEquals(VirtualMachine.RESUME_REQUESTED, vm.runState(), "the resume request stands");
        vm.resumed();
        assertEquals(VirtualMachine.RUNNING, vm.runState());
    }

    @Test
    void aPauseRequestedWhileTheGuestResumesIsNotLost()
    {
        vm.requestPause(1);
        vm.paused();
        vm.requestResume();   // the guest reads RESUME_REQUESTED ...
        vm.requestPause(2);   // ... a new migration asks for a pause ...
        vm.resumed();         // ... and the guest reports the resume it was acting on
        assertEquals(VirtualMachine.PAUSE_REQUESTED, vm.runState());
        assertEquals(2, vm.pauseMarkerEpoch());
    }
}
