package by.butb.gateway;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class UnauthenticatedConnectionsTest
{
    private final List<String> closed = new ArrayList<>();

    private UnauthenticatedConnections.Place admit(final UnauthenticatedConnections places, final String address,
        final String name)
    {
        final UnauthenticatedConnections.Place place = places.admit(address);
        if (place != null)
        {
            place.onEvict(() -> closed.add(name));
        }
        return place;
    }

    @Test
    void anAddressHoldingTwoFewerPlacesThanTheFullestTakesTheOldestOfItsPlaces()
    {
        final UnauthenticatedConnections places = new UnauthenticatedConnections(4, 4);
        for (int i = 0; i < 4; i++)
        {
            assertNotNull(admit(places, "a", "a" + i));
        }
        assertNull(admit(places, "a", "a4"), "an address holds at most its bound");
        assertNotNull(admit(places, "b", "b0"), "every place taken by a: b, holding none, takes one");
        assertEquals(List.of("a0"), closed, "a's oldest gave its place");
        assertNotNull(admit(places, "b", "b1"), "three against one");
        assertEquals(List.of("a0", "a1"), closed);
        assertNull(admit(places, "b", "b2"), "two against two: no place is taken");
        assertNotNull(admit(places, "c", "c0"), "two against none");
        assertEquals(4, places.count());
        assertEquals(3, closed.size());
    }

    @Test
    void aPlaceTakenBeforeItsCloseIsKnownClosesItAtOnceAndItsReleaseCountsNothing()
    {
        final UnauthenticatedConnections places = new UnauthenticatedConnections(2, 2);
        final UnauthenticatedConnections.Place first = places.admit("a");
        admit(places, "a", "a1");
        assertNotNull(admit(places, "b", "b0"));
        first.onEvict(() -> closed.add("first, told late"));
        assertEquals(List.of("first, told late"), closed);
        places.release(first); // its connection closes
        assertEquals(2, places.count(), "the released place was no longer counted");
    }

    @Test
    void aReleasedPlaceIsFreeForAnyAddress()
    {
        final UnauthenticatedConnections places = new UnauthenticatedConnections(2, 2);
        final UnauthenticatedConnections.Place a0 = admit(places, "a", "a0");
        admit(places, "b", "b0");
        assertNull(admit(places, "c", "c0"), "one each: no address holds two more");
        places.release(a0); // logged on
        assertNotNull(admit(places, "c", "c0"));
        assertEquals(List.of(), closed);
    }
}
