/* placeholder */ typedef int placeholder_enumerate_t;
