-- Newsbridge schema, version 7: images mirrored from publishers (tables added with the image stage).
SELECT 1;
