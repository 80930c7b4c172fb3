package by.butb.sim.replay;

import by.butb.engine.core.CommandType;
import by.butb.engine.core.EngineEvent;
import by.butb.engine.core.EventType;
import by.butb.engine.core.MarketRules;
import by.butb.engine.core.MatchingEngine;
import by.butb.engine.core.ResultCode;
import by.butb.engine.core.TradeKind;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.FixedPoint;
import by.butb.engine.model.Instrument;
import by.butb.engine.model.Participant;
import by.butb.engine.model.ParticipantStatus;
import by.butb.engine.model.Side;

import java.nio.charset.StandardCharsets;

/**
 * The reason column of events.csv: the result code's fixed text plus what makes it useful (the offending value, the
 * limit, the names). Runs on the thread that writes the events; not thread-safe.
 */
final class EventReasons
{
    /** Each code's {@link ResultCode#text()} as a CSV field, and as plain UTF-8, by ordinal. */
    private static final byte[][] CODE_FIELDS = codeTexts(true);
    private static final byte[][] CODE_TEXTS = codeTexts(false);
    private static final byte[] EMPTY = new byte[0];
    private static final byte[] THE_ORDER_NEEDS = utf8(": the order needs ");
    private static final byte[] SPACE = utf8(" ");
    private static final byte[] COMMA_SPACE = utf8(", ");
    private static final byte[] COLON_SPACE = utf8(": ");
    private static final byte[] HAS = utf8(" has ");
    private static final byte[] FREE = utf8(" free");
    private static final byte[] QUOTE = utf8("'");
    private static final byte[] SPACE_QUOTE = utf8(" '");
    private static final byte[] OPEN = utf8(" (");
    private static final byte[] OF = utf8(" of ");
    private static final byte[] NOT_FILLED = utf8(" not filled)");
    private static final byte[] BOUGHT_FROM = utf8("bought from ");
    private static final byte[] SOLD_TO = utf8("sold to ");
    private static final byte[] ORDER = utf8(" order ");
    /** What a trade's reason ends with, by {@link TradeKind} ordinal. */
    private static final byte[][] TRADE_KIND_ENDINGS = tradeKindEndings();

    private final Catalog catalog;
    private final MarketRules rules;
    private final EventOrderNames names;
    /** The catalog's participant ids and currencies as UTF-8, by index. */
    private final byte[][] participantText;
    private final byte[][] currencyText;
    private final TextBytes reasonText = new TextBytes();

    EventReasons(final Catalog catalog, final MarketRules rules, final EventOrderNames names)
    {
        this.catalog = catalog;
        this.rules = rules;
        this.names = names;
        participantText = new byte[catalog.participants().size()][];
        currencyText = new byte[participantText.length][];
        for (int i = 0; i < participantText.length; i++)
        {
            participantText[i] = utf8(catalog.participant(i).id());
            currencyText[i] = utf8(catalog.participant(i).currency());
        }
    }

    /**
     * Writes the reason of an event into {@code events}: the reader's reason for a row it could not read, else the
     * code's text with what makes it useful, the common ones without making a string.
     */
    void write(final TableOut events, final EngineEvent e, final RowInfo info, final Instrument instrument,
        final MatchingEngine engine)
    {
        if (e.commandType == CommandType.INVALID && e.type == EventType.REJECTED && info.reason() != null)
        {
            events.field(info.reason());
            return;
        }
        if (e.code == ResultCode.OK && e.type != EventType.TRADE && !okHasContext(e))
        {
            events.field(CODE_FIELDS[e.code.ordinal()]);
            return;
        }
        final TextBytes text = reasonBytes(e, info, instrument, engine);
        if (text != null)
        {
            text.writeTo(events);
        }
        else
        {
            events.field(reason(e, info, instrument, engine));
        }
    }

    /**
     * The {@link #reason} of the events that come by the hundred thousand (trades, deposits too small, unknown
     * orders, IOC remainders) built as bytes, or null for the others.
     */
    private TextBytes reasonBytes(final EngineEvent e, final RowInfo info, final Instrument instrument,
        final MatchingEngine engine)
    {
        final TextBytes text = reasonText.clear();
        return switch (e.code)
        {
            case OK -> e.type == EventType.TRADE ? tradeReason(text, e) : null;
            case INSUFFICIENT_DEPOSIT -> instrument == null || e.owner < 0 ? null :
                depositReason(e, instrument, engine);
            case DUPLICATE_ORDER_ID -> rowOrderId(text.append(CODE_TEXTS[e.code.ordinal()]).append(SPACE_QUOTE), e,
                info).append(QUOTE);
            case UNKNOWN_ORDER -> !info.exchangeOrderId().isEmpty() ? null :
                rowOrderId(text.append(CODE_TEXTS[e.code.ordinal()]).append(SPACE_QUOTE), e, info).append(QUOTE);
            case IOC_REMAINDER, MARKET_REMAINDER -> instrument == null ? null :
                text.append(CODE_TEXTS[e.code.ordinal()]).append(OPEN)
                    .decimal(e.quantity - e.filled, instrument.quantityScale()).append(OF)
                    .decimal(e.quantity, instrument.quantityScale()).append(NOT_FILLED);
            default -> null;
        };
    }

    private TextBytes tradeReason(final TextBytes text, final EngineEvent e)
    {
        if (e.side == Side.BUY)
        {
            text.append(BOUGHT_FROM).append(participantText(e.sellOwner)).append(ORDER);
            names.append(text, e.sellOwner, "", e.sellClientOrderId);
        }
        else
        {
            text.append(SOLD_TO).append(participantText(e.buyOwner)).append(ORDER);
            names.append(text, e.buyOwner, "", e.buyClientOrderId);
        }
        return text.append(TRADE_KIND_ENDINGS[e.tradeKind.ordinal()]);
    }

    /** The order id the row wrote: as it wrote it, or, for a row read from its bytes, the command's. */
    private TextBytes rowOrderId(final TextBytes text, final EngineEvent e, final RowInfo info)
    {
        return info.orderId() != null ? text.append(utf8(info.orderId())) :
            names.append(text, e.owner, info.owner(), e.clientOrderId);
    }

    private byte[] participantText(final int index)
    {
        return index >= 0 && index < participantText.length ? participantText[index] : EMPTY;
    }

    /**
     * The code's fixed text plus what makes it useful: the offending value, the limit, the names; for the events
     * {@link #reasonBytes} does not answer (a deposit reject, unknown order or remainder reaches here only without
     * the instrument, owner or order id that would make it more than the code's text).
     */
    private String reason(final EngineEvent e, final RowInfo info, final Instrument instrument,
        final MatchingEngine engine)
    {
        final String text = e.code.text();
        return switch (e.code)
        {
            case OK -> okReason(e, info);
            case NOT_ALLOWED_IN_PHASE, MARKET_CLOSED -> text + phaseContext(e, instrument, engine);
            case UNKNOWN_PARTICIPANT -> text + " '" + info.participant() + "'";
            case UNKNOWN_INSTRUMENT -> text + " '" + info.instrument() + "'";
            case UNKNOWN_CLIENT -> "on_behalf_of names an unknown participant '" + info.onBehalfOf() + "'";
            case PARTICIPANT_NOT_ACTIVE -> text + ": " + inactive(e);
            case NOT_ADMITTED_TO_SECTION -> instrument == null || e.owner < 0 ? text :
                text + ": " + participantName(e.owner, "") + " is admitted to " + sections(e.owner) + ", " +
                    instrument.symbol() + " is in " + instrument.section();
            case NOT_CLIENT_OF_BROKER -> text + ": " + participantName(e.owner, info.owner()) + " is not a client of " +
                participantName(e.submitter, info.participant());
            case PRICE_NOT_ON_STEP -> instrument == null ? text : "price " + price(instrument, e.price) +
                " is not a multiple of the price step " + price(instrument, instrument.priceStep());
            case QUANTITY_NOT_ON_LOT -> instrument == null ? text : "quantity " + quantity(instrument, e.quantity) +
                " is not a multiple of the lot size " + quantity(instrument, instrument.lotSize());
            case PRICE_OUTSIDE_BAND -> instrument == null ? text : "price " + price(instrument, e.price) +
                " is outside the band " + price(instrument, instrument.lowPrice()) + ".." +
                price(instrument, instrument.highPrice());
            case CURRENCY_MISMATCH -> instrument == null || e.owner < 0 ? text :
                text + ": " + participantName(e.owner, "") + "'s deposit is in " +
                    catalog.participant(e.owner).currency() + ", " + instrument.symbol() + " trades in " +
                    instrument.currency();
            case UNKNOWN_ORDER -> text + " (exchange_order_id " + info.exchangeOrderId() + ")";
            case REPLACE_QUANTITY_NOT_ABOVE_FILLED -> instrument == null ? text :
                text + " (" + quantity(instrument, e.filled) + " filled)";
            case UNKNOWN_COUNTERPARTY -> text + " '" + info.counterparty() + "'";
            case OUTBID -> text + (e.counterparty >= 0 ? " on the lot of " + participantName(e.counterparty, "") : "");
            case UNKNOWN_LOT -> text + (info.exchangeOrderId().isEmpty() ?
                " '" + info.counterpartyOrderId() + "' of " + info.counterparty() :
                " (exchange_order_id " + info.exchangeOrderId() + ")");
            default -> text;
        };
    }

    /** False when {@link #okReason} is the code's text alone. */
    private boolean okHasContext(final EngineEvent e)
    {
        return e.commandType == CommandType.LOT_OFFER && e.type == EventType.ACCEPTED ||
            e.counterparty >= 0 && e.counterparty < catalog.participants().size();
    }

    private String okReason(final EngineEvent e, final RowInfo info)
    {
        if (e.commandType == CommandType.LOT_OFFER && e.type == EventType.ACCEPTED)
        {
            return "ok: the lot's auction is open";
        }
        if (!okHasContext(e))
        {
            return e.code.text();
        }
        final String counterparty = catalog.participant(e.counterparty).id();
        if (e.commandType == CommandType.LOT_BID)
        {
            return "ok: bid on the lot of " + counterparty;
        }
        if (!info.counterpartyOrderId().isEmpty())
        {
            return "ok: takes the address order of " + counterparty;
        }
        return "ok: address order, only " + counterparty + " can take it";
    }

    private String phaseContext(final EngineEvent e, final Instrument instrument, final MatchingEngine engine)
    {
        if (instrument == null)
        {
            return "";
        }
        return ": section " + instrument.section() + " is in phase " + engine.phase(instrument.sectionIndex());
    }

    private String inactive(final EngineEvent e)
    {
        final StringBuilder who = new StringBuilder();
        for (final int index : new int[] {e.submitter, e.owner})
        {
            if (index >= 0 && index < catalog.participants().size())
            {
                final Participant p = catalog.participant(index);
                if (p.status() != ParticipantStatus.ACTIVE && who.indexOf(p.id() + " ") < 0)
                {
                    who.append(who.length() == 0 ? "" : ", ").append(p.id()).append(" is ").append(p.status());
                }
            }
        }
        return who.toString();
    }

    /**
     * The reason of INSUFFICIENT_DEPOSIT for a known instrument and owner: what the order needs and what the owner has
     * free.
     */
    private TextBytes depositReason(final EngineEvent e, final Instrument instrument, final MatchingEngine engine)
    {
        final TextBytes text = reasonText.clear().append(CODE_TEXTS[e.code.ordinal()]);
        final byte[] currency = currencyText[e.owner];
        final byte[] owner = e.owner < participantText.length ? participantText[e.owner] : EMPTY;
        if (e.commandType == CommandType.NEW_ORDER)
        {
            final long notional = instrument.notional(instrument.guaranteePrice(e.orderType, e.price), e.quantity);
            if (notional >= 0)
            {
                text.append(THE_ORDER_NEEDS).decimal(rules.guarantee(notional), Instrument.MONEY_SCALE).append(SPACE)
                    .append(currency).append(COMMA_SPACE).append(owner);
                return freeDeposit(text, e, currency, engine);
            }
        }
        return freeDeposit(text.append(COLON_SPACE).append(owner), e, currency, engine);
    }

    private static TextBytes freeDeposit(final TextBytes text, final EngineEvent e, final byte[] currency,
        final MatchingEngine engine)
    {
        return text.append(HAS).decimal(engine.freeDeposit(e.owner), Instrument.MONEY_SCALE).append(SPACE)
            .append(currency).append(FREE);
    }

    private String sections(final int participant)
    {
        final long mask = catalog.participant(participant).sectionMask();
        final StringBuilder names = new StringBuilder();
        for (int i = 0; i < catalog.sections().size(); i++)
        {
            if ((mask & (1L << i)) != 0)
            {
                names.append(names.length() == 0 ? "" : " and ").append(catalog.sections().get(i));
            }
        }
        return names.length() == 0 ? "no section" : names.toString();
    }

    private String participantName(final int index, final String asWritten)
    {
        return index >= 0 && index < catalog.participants().size() ? catalog.participant(index).id() : asWritten;
    }

    private static String price(final Instrument instrument, final long price)
    {
        return FixedPoint.format(price, instrument.priceScale());
    }

    private static String quantity(final Instrument instrument, final long quantity)
    {
        return FixedPoint.format(quantity, instrument.quantityScale());
    }

    private static byte[][] tradeKindEndings()
    {
        final byte[][] endings = new byte[TradeKind.values().length][];
        for (final TradeKind kind : TradeKind.values())
        {
            endings[kind.ordinal()] = utf8(switch (kind)
            {
                case CONTINUOUS -> "";
                case CALL_AUCTION -> " in the opening call auction";
                case LOT_AUCTION -> ": the lot auction closed, this bid won";
                case ADDRESS_DEAL -> " in an address deal";
            });
        }
        return endings;
    }

    private static byte[][] codeTexts(final boolean asFields)
    {
        final byte[][] texts = new byte[ResultCode.values().length][];
        for (final ResultCode code : ResultCode.values())
        {
            texts[code.ordinal()] = asFields ? CsvOut.encoded(code.text()) : utf8(code.text());
        }
        return texts;
    }

    private static byte[] utf8(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
