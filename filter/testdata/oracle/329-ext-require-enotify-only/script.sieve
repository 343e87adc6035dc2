require ["enotify"];
keep;
