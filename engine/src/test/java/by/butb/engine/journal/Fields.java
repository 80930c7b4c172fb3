package by.butb.engine.journal;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/** Every public instance field of an object as "name=value", to compare a decoded entry with the original. */
final class Fields
{
    private Fields()
    {
    }

    static List<String> of(final Object o)
    {
        final List<String> values = new ArrayList<>();
        for (final Field f : o.getClass().getFields())
        {
            if (Modifier.isStatic(f.getModifiers()))
            {
                continue;
            }
            try
            {
                values.add(f.getName() + '=' + f.get(o));
            }
            catch (final IllegalAccessException ex)
            {
                throw new AssertionError(ex);
            }
        }
        return values;
    }
}
