package filter

import "time"

// Pos is where a command is in a script: the file name given to Compile
// (or the resolved path of an included script), a 1-based line and a
// 1-based column. The zero Pos means "no command" (the implicit keep).
type Pos struct {
	File   string // script file name or path
	Line   int    // 1-based line
	Column int    // 1-based column
}

// String returns "file:line:column", or "-" for the zero Pos.
func (p Pos) String() string {
	if p == (Pos{}) {
		return "-"
	}
	return posString(p.File, p.Line, p.Column)
}

// Action is one thing a script asks for. The concrete types are Store,
// Redirect, Reject, Discard and Vacation; the set is closed.
type Action interface {
	// Position returns where the command that produced the action is.
	Position() Pos
	sealed()
}

// Store delivers the message into one mailbox. The implicit keep and an
// explicit keep are both Store{Mailbox: "INBOX", Keep: true}; fileinto
// "INBOX" has Keep false. A mailbox appears at most once in a Result; when
// a script stores into it several times, Flags are those of the last
// store, and Keep is true only when every one of them was a keep.
type Store struct {
	Mailbox string   // mailbox name exactly as the script produced it, "/" separated
	Flags   []string // IMAP flags, canonical (see Result); nil = none
	Create  bool     // fileinto :create (RFC 5490): create the mailbox if missing
	Keep    bool     // produced by keep or the implicit keep, not by fileinto
	Pos     Pos      // where the keep or fileinto is; zero for the implicit keep
}

// Redirect forwards the message to another address.
type Redirect struct {
	To   string // bare address: display name and comments dropped, domain lower-cased
	Copy bool   // redirect :copy (RFC 3894): does not cancel the implicit keep
	Pos  Pos    // where the redirect is
}

// Reject refuses the message with a reason (RFC 5429). Extended is true for
// ereject.
type Reject struct {
	Reason   string // the reason given, decoded UTF-8
	Extended bool   // ereject rather than reject
	Pos      Pos    // where the reject or ereject is
}

// Discard silently drops the message. It only cancels the implicit keep;
// it is reported so that callers can log it.
type Discard struct {
	Pos Pos // where the discard is
}

// Vacation is an auto-reply that the caller should send (RFC 5230). It is
// present only when every suppression rule passed and the VacationStore (if
// any) had no reply on record for (To, Handle); the caller records the reply
// with VacationStore.Claim before sending it.
type Vacation struct {
	To         string        // reply recipient: the envelope sender
	Subject    string        // final subject, decoded UTF-8
	From       string        // ":from" or "" (the caller picks the user's address)
	Reason     string        // body text, or a whole MIME entity when MIME is true
	MIME       bool          // :mime was given
	Handle     string        // ":handle", or one synthesised from the unexpanded arguments
	Period     time.Duration // minimum time between two replies to the same sender
	Addresses  []string      // ":addresses", each normalised like Redirect.To; invalid entries dropped
	InReplyTo  string        // Message-ID of the original message, "" if none
	References string        // original References plus its Message-ID
	Pos        Pos           // where the vacation command is
}

// Position implements Action.
func (a Store) Position() Pos { return a.Pos }

// Position implements Action.
func (a Redirect) Position() Pos { return a.Pos }

// Position implements Action.
func (a Reject) Position() Pos { return a.Pos }

// Position implements Action.
func (a Discard) Position() Pos { return a.Pos }

// Position implements Action.
func (a Vacation) Position() Pos { return a.Pos }

func (Store) sealed()    {}
func (Redirect) sealed() {}
func (Reject) sealed()   {}
func (Discard) sealed()  {}
func (Vacation) sealed() {}
