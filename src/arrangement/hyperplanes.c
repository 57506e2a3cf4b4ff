/* placeholder */ typedef int placeholder_hyperplanes_t;
