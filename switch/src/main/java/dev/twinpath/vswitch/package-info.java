/**
 * The Hyper-V virtual switch of the synthetic path: External, Internal and Private switches whose
 * ports are VM network adapters (VMBus channels), host virtual NICs and the physical uplink. Frames
 * travel in bursts through an LMAX Disruptor ring: classify, policy (VLAN, ACL, MAC spoofing guard,
 * bandwidth), forward (MAC+VLAN learning table) and egress.
 */
package dev.twinpath.vswitch;
