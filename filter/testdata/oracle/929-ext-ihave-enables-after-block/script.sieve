require "ihave";
if ihave ["fileinto", "imap4flags"] { keep; }
fileinto :flags "\\Seen" "Archive";
