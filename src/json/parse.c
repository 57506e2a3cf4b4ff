/* placeholder */ typedef int placeholder_parse_t;
