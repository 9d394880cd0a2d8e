package dev.twinpath.vmbus;

/**
 * Receives the control messages {@link VmBusEndpoint#pollControl} decodes. The message is reused
 * for the next one: copy what must outlive the call ({@link ControlMessage#copyFrom}).
 * <p>
 * Threading: called on the endpoint's control-receiving thread.
 */
@FunctionalInterface
public interface ControlMessageHandler
{
    /**
     * @param message the decoded message, valid until this method returns.
     */
    void onControl(ControlMessage message);
}
