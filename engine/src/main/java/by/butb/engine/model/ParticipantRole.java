package by.butb.engine.model;

/** A TRADER trades for itself; a BROKER may also trade for the clients listed in the participants file. */
public enum ParticipantRole
{
    TRADER, BROKER
}
