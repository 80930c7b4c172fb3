package by.butb.engine.book;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link Order#addFill}: the filled quantity and the value of the fills. */
class OrderFillTest
{
    @Test
    void eachFillAddsItsQuantityAndItsPriceTimesQuantity()
    {
        final Order order = new Order(0);
        order.addFill(250_000, 3_000);
        order.addFill(251_000, 2_000);
        assertEquals(5_000, order.filled);
        assertEquals(250_000L * 3_000 + 251_000L * 2_000, order.filledValue);
    }

    @Test
    void aValueBeyondALongBecomesUnknownAndStaysSo()
    {
        final Order order = new Order(0);
        order.addFill(Long.MAX_VALUE / 2, 3);
        assertEquals(Order.VALUE_UNKNOWN, order.filledValue, "the product does not fit");
        order.addFill(1, 1);
        assertEquals(Order.VALUE_UNKNOWN, order.filledValue, "unknown is not a value to add to");
        assertEquals(4, order.filled, "the quantity is still counted");

        final Order sum = new Order(0);
        sum.addFill(Long.MAX_VALUE / 2, 1);
        sum.addFill(Long.MAX_VALUE / 2, 1);
        assertEquals(Long.MAX_VALUE - 1, sum.filledValue, "the largest sum that fits");
        sum.addFill(1, 2);
        assertEquals(Order.VALUE_UNKNOWN, sum.filledValue, "the sum does not fit");
    }
}
