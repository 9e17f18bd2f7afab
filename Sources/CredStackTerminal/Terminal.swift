import CNcursesw
import CredStackTUI
#if canImport(Glibc)
import Glibc
#endif

/// What the terminal reported while we waited.
public enum TerminalInput: Equatable {
    case key(Key)
    case mouse(MouseEvent)
    case resize
    /// Nothing arrived before the timeout.
    case timeout
    /// The terminal went away (SSH link dropped): stop now.
    case hangup
}

public struct TerminalError: Error, CustomStringConvertible {
    public var description: String
}

/// The only code that talks to ncurses: start and restore the terminal, map theme roles to colour pairs,
/// draw a `CellGrid` (only the cells that changed since the last frame) and read keys.
public final class Terminal {
    private var screen: OpaquePointer?
    private var previous: CellGrid?
    private var styles: [Role: (attrs: attr_t, pair: Int16)] = [:]
    private var active = false
    private var mouseOn = false
    /// Consecutive reads that failed at once instead of waiting: a closed terminal does that forever.
    private var immediateErrors = 0

    public init() {}

    /// The colour profile in use, decided once the terminal's terminfo entry is known.
    public private(set) var profile: ColorProfile = .none
    /// The terminfo entry drawn with when the machine has none for `TERM` (a laptop's kitty or foot over SSH).
    public private(set) var standIn: String?
    /// Whether the terminal has an alternate screen to leave on exit; without one the screen is cleared.
    private var hasAlternateScreen = true

    /// The terminfo entry the dashboard would draw with for `term` (itself or a stand-in); nil for none.
    public static func entry(for term: String) -> String? {
        candidates(for: term).first { name in name.withCString { cs_terminfo_exists($0) } == 1 }
    }

    /// `TERM` first, then its nearest relatives that terminfo commonly has: a modern terminal that names
    /// itself (kitty, ghostty, wezterm, foot...) or any `*-256color` draws as `xterm-256color`; `screen*` and
    /// `tmux*` as `screen`; anything else as `xterm`.
    public static func candidates(for term: String) -> [String] {
        let t = term.lowercased()
        let modern = ["kitty", "ghostty", "wezterm", "foot", "alacritty", "contour", "rio", "iterm", "konsole", "vte", "gnome"]
        let colourful = t.hasSuffix("-256color") || t.hasSuffix("-direct") || t.hasSuffix("-truecolor") || modern.contains { t.contains($0) }
        var list = [term]
        if t.hasPrefix("screen") || t.hasPrefix("tmux") { list += colourful ? ["tmux-256color", "screen-256color", "screen"] : ["screen"] }
        if colourful { list.append("xterm-256color") }
        list.append("xterm")
        var seen = Set<String>()
        return list.filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    /// Takes over the terminal. Colours follow `ColorProfile.detect` (NO_COLOR, CLICOLOR_FORCE, COLORTERM,
    /// terminfo); with no colour, roles stay apart by attributes alone.
    public func start(theme: Theme, environment: [String: String], mouse: Bool = false) throws {
        if getenv("ESCDELAY") == nil { set_escdelay(25) }
        CrashGuard.saveTerminalSettings()
        let term = environment["TERM"] ?? ""
        var opened: (screen: OpaquePointer, name: String)?
        for name in Terminal.candidates(for: term) {
            if let s = name.withCString({ newterm($0, cs_stdout(), cs_stdin()) }) { opened = (s, name); break }
        }
        guard let opened else {
            let relatives = Terminal.candidates(for: term).dropFirst()
            throw TerminalError(description: "no terminfo entry for TERM=\(term)" + (relatives.isEmpty ? "" : " or a terminal like it (\(relatives.joined(separator: ", ")))"))
        }
        screen = opened.screen
        standIn = opened.name == term ? nil : opened.name
        hasAlternateScreen = Terminal.capability("smcup") != nil
        active = true
        CrashGuard.arm(restoreSequence: Terminal.exitSequence() + (mouse ? Terminal.mouseOffSequence : []))
        cbreak()
        noecho()
        nonl()
        keypad(cs_stdscr(), true)
        curs_set(0)
        if mouse {
            // Presses, not clicks: ncurses would otherwise hold each press back to see whether a click follows.
            mouseinterval(0)
            mousemask(cs_button1_pressed() | cs_wheel_up() | cs_wheel_down(), nil)
            mouseOn = true
        }
        // ncurses draws through colour indexes, so truecolor themes are shown on the 256-colour cube.
        // terminfo's own count: COLORS is only set once start_color has run.
        let colors = Int(tigetnum("colors"))
        profile = min(ColorProfile.detect(environment: environment, terminfoColors: colors > 0 ? colors : 0), .ansi256)
        setStyles(theme: theme)
        previous = nil
    }

    public func setStyles(theme: Theme) {
        let useColor = profile != .none && has_colors()
        if useColor {
            start_color()
            use_default_colors()
        }
        styles = [:]
        var pairs: [PairKey: Int16] = [:]
        for role in Role.allCases {
            let r = theme.resolved(role, under: useColor ? profile : .none)
            var attrs = cs_a_normal()
            if r.bold { attrs |= cs_a_bold() }
            if r.dim { attrs |= cs_a_dim() }
            if r.underline { attrs |= cs_a_underline() }
            if r.reverse { attrs |= cs_a_reverse() }
            if r.italic { attrs |= cs_a_italic() }
            var pair: Int16 = 0
            let key = PairKey(fg: Int16(r.foreground ?? -1), bg: Int16(r.background ?? -1))
            if useColor, key.fg != -1 || key.bg != -1 {
                if let p = pairs[key] { pair = p } else {
                    pair = Int16(pairs.count + 1)
                    init_pair(pair, key.fg, key.bg)
                    pairs[key] = pair
                }
            }
            styles[role] = (attrs, pair)
        }
        previous = nil
    }

    private struct PairKey: Hashable { var fg: Int16; var bg: Int16 }

    public var size: Size { Size(width: Int(cs_cols()), height: Int(cs_lines())) }

    /// Draws the cells that differ from the last frame, then lets ncurses send the changes in one update.
    public func draw(_ grid: CellGrid) {
        guard active else { return }
        let win = cs_stdscr()
        let full = previous?.size != grid.size
        if full { werase(win) }
        var wch = [wchar_t](repeating: 0, count: Int(cs_ccharw_max()) + 1)
        var cc = cchar_t()
        for y in 0..<grid.size.height {
            for x in 0..<grid.size.width {
                let cell = grid[x, y]
                if !full, let p = previous, p[x, y] == cell { continue }
                if cell.width == 0 { continue }
                var n = 0
                for scalar in cell.text.unicodeScalars where n < wch.count - 1 {
                    wch[n] = wchar_t(bitPattern: scalar.value)
                    n += 1
                }
                wch[n] = 0
                let style = styles[cell.role] ?? (cs_a_normal(), 0)
                setcchar(&cc, wch, style.attrs, style.pair, nil)
                mvwadd_wch(win, Int32(y), Int32(x), &cc)
            }
        }
        wnoutrefresh(win)
        doupdate()
        previous = grid
    }

    /// Waits up to `timeoutMilliseconds` for a key.
    public func read(timeoutMilliseconds: Int32) -> TerminalInput {
        guard active else { return .hangup }
        wtimeout(cs_stdscr(), timeoutMilliseconds)
        var ch: wint_t = 0
        let started = monotonicMilliseconds()
        let rc = wget_wch(cs_stdscr(), &ch)
        if rc == ERR {
            // A live terminal waits for the timeout; a dead one fails at once, every time.
            if timeoutMilliseconds > 0, monotonicMilliseconds() - started < Int64(timeoutMilliseconds) / 2 {
                immediateErrors += 1
                if immediateErrors >= 20 || isatty(0) == 0 { return .hangup }
            } else {
                immediateErrors = 0
            }
            return .timeout
        }
        immediateErrors = 0
        if rc == cs_key_code_yes() {
            switch Int32(ch) {
            case cs_key_resize(): previous = nil; return .resize
            case cs_key_mouse():
                var event = MEVENT()
                guard getmouse(&event) == OK else { return .timeout }
                let kind: MouseEvent.Kind
                if event.bstate & cs_wheel_up() != 0 { kind = .wheelUp }
                else if event.bstate & cs_wheel_down() != 0 { kind = .wheelDown }
                else if event.bstate & cs_button1_pressed() != 0 { kind = .press }
                else { return .timeout }
                return .mouse(MouseEvent(kind, x: Int(event.x), y: Int(event.y), screen: size))
            case KEY_UP: return .key(.up)
            case KEY_DOWN: return .key(.down)
            case KEY_LEFT: return .key(.left)
            case KEY_RIGHT: return .key(.right)
            case KEY_PPAGE: return .key(.pageUp)
            case KEY_NPAGE: return .key(.pageDown)
            case KEY_HOME: return .key(.home)
            case KEY_END: return .key(.end)
            case KEY_ENTER: return .key(.enter)
            case KEY_BACKSPACE: return .key(.backspace)
            case KEY_DC: return .key(.delete)
            case KEY_BTAB: return .key(.backTab)
            default: return .timeout
            }
        }
        switch ch {
        case 27: return .key(.escape)
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 8, 127: return .key(.backspace)
        case 1...26: return .key(.ctrl(Character(Unicode.Scalar(UInt8(ch) + 96))))
        default:
            guard let scalar = Unicode.Scalar(UInt32(ch)) else { return .timeout }
            return .key(.char(Character(scalar)))
        }
    }

    /// Gives the terminal back exactly as it was. Safe to call more than once.
    public func stop() {
        guard active else { return }
        active = false
        if mouseOn { mousemask(0, nil); mouseOn = false }
        curs_set(1)
        endwin()
        // Without an alternate screen (vt100, the Linux console) the dashboard would stay under the prompt.
        if !hasAlternateScreen, let clear = Terminal.capability("clear") {
            clear.withUnsafeBufferPointer { _ = fwrite($0.baseAddress, 1, $0.count, cs_stdout()) }
            fflush(cs_stdout())
        }
        if let s = screen { delscreen(s) }
        screen = nil
        CrashGuard.disarm()
    }

    /// What `endwin` would send, from terminfo: leave the alternate screen, show the cursor, reset attributes,
    /// leave keypad mode.
    static func exitSequence() -> [UInt8] {
        var out: [UInt8] = []
        for cap in ["sgr0", "cnorm", "rmkx", "rmcup"] { out += capability(cap) ?? [] }
        if capability("smcup") == nil { out += capability("clear") ?? [] }
        return out + [13, 10]
    }

    /// A terminfo string capability's bytes; nil when the terminal has none.
    static func capability(_ name: String) -> [UInt8]? {
        guard let raw = tigetstr(name), Int(bitPattern: raw) != -1 else { return nil }
        var out: [UInt8] = []
        var p = raw
        while p.pointee != 0 {
            // Padding (`$<50>`, vt100's clear) is for tputs; written raw it would show as text.
            if p.pointee == 36, (p + 1).pointee == 60, let end = (2..<16).first(where: { (p + $0).pointee == 62 || (p + $0).pointee == 0 }),
               (p + end).pointee == 62 {
                p += end + 1
                continue
            }
            out.append(UInt8(bitPattern: p.pointee)); p += 1
        }
        return out.isEmpty ? nil : out
    }

    /// Turns off the xterm mouse modes ncurses may have turned on, for the crash path where `endwin` never runs.
    static let mouseOffSequence: [UInt8] = Array("\u{1B}[?1006l\u{1B}[?1002l\u{1B}[?1000l".utf8)

    deinit { stop() }
}

func monotonicMilliseconds() -> Int64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
}
