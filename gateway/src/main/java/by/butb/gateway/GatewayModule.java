package by.butb.gateway;
/** Placeholder: the FIX 4.4 gateway arrives with its own issue. */
final class GatewayModule { private GatewayModule() { } }
