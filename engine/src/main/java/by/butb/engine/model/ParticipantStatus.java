package by.butb.engine.model;

/** Accreditation status. Only ACTIVE participants may enter or replace orders; any status may cancel. */
public enum ParticipantStatus
{
    ACTIVE, SUSPENDED, EXPIRED
}
