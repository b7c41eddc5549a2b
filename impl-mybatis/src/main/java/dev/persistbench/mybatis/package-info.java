/**
 * The repository contract in plain MyBatis 3: a {@link org.apache.ibatis.session.SqlSessionFactory}
 * built in code over the given DataSource, mapper interfaces with their SQL in XML mappers beside
 * them on the class path ({@code dev/persistbench/mybatis/*.xml}), dynamic SQL for the product
 * search, nested result maps for orders, array parameters unnested by PostgreSQL for bulk writes, and a
 * {@link org.apache.ibatis.cursor.Cursor} for streaming. Entry point:
 * {@link dev.persistbench.mybatis.MyBatisStoreRepository}.
 */
package dev.persistbench.mybatis;
