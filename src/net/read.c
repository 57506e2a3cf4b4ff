/* placeholder */ typedef int placeholder_read_t;
