/* placeholder */ typedef int placeholder_write_t;
